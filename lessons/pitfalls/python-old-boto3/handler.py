"""
python-old-boto3: the workshop's first attempt, a Python Lambda that answers a chat through
API Gateway's @connections with boto3. The code is right; whether it runs depends on the boto3
the runtime (or a layer) brings.
"""
import json
import os

import boto3


def handler(event, context):
    ctx = event["requestContext"]
    if ctx["eventType"] != "MESSAGE":
        return {"statusCode": 200}
    # On AWS MANAGEMENT_ENDPOINT is unset and the URL comes from the event.
    endpoint = os.environ.get("MANAGEMENT_ENDPOINT") or "https://%s/%s" % (ctx["domainName"], ctx["stage"])
    api = boto3.client("apigatewaymanagementapi", endpoint_url=endpoint)
    api.post_to_connection(ConnectionId=ctx["connectionId"], Data=event["body"].encode("utf-8"))
    return {"statusCode": 200}
