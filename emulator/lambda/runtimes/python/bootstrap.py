"""
Entry point of one Python function instance, a child process of the Lambda host, playing the
part of Lambda's Python runtime (awslambdaric): init (import the module, find the handler), then
for each event run ``handler(event, context)``, report the result, and freeze.

It speaks the host's protocol (emulator/lambda/protocol.ts), as the Node bootstrap does: events
arrive as JSON lines on Node's IPC channel (the fd in NODE_CHANNEL_FD), reports leave as JSON
lines on fd 3, written synchronously because the instance SIGSTOPs itself right after its result
and the host SIGCONTs it for the next event.

Reads _HANDLER (``<module>.<function>``) and LAMBDA_TASK_ROOT, as the runtime does.
"""

import decimal
import importlib
import json
import logging
import os
import resource
import select
import signal
import sys
import time
import traceback

REPORT_FD = 3
IPC_FD = int(os.environ.pop("NODE_CHANNEL_FD", "-1"))
os.environ.pop("NODE_CHANNEL_SERIALIZATION_MODE", None)

# The request being handled; None during init, as on AWS.
request_id = None


def now_ms():
    return int(time.time() * 1000)


def write_all(fd, data):
    view = memoryview(data)
    while view:
        try:
            written = os.write(fd, view)
        except BlockingIOError:
            select.select([], [fd], [])
            continue
        view = view[written:]


def report(message):
    write_all(REPORT_FD, (json.dumps(message, default=to_json_default) + "\n").encode("utf-8"))


def log_event(line):
    """One CloudWatch log event (it may hold several lines)."""
    report({"type": "log", "timestamp": now_ms(), "line": line})


def to_json_default(value):
    # The runtime serialises Decimal (what boto3's DynamoDB resource returns) as a number.
    if isinstance(value, decimal.Decimal):
        return float(value)
    raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


class LineWriter:
    """sys.stdout/sys.stderr: each printed line becomes one log event, in order with the
    handler's result (the runtime's text log format keeps print output as it is)."""

    def __init__(self, name):
        self.name = name
        self.pending = ""
        self.encoding = "utf-8"
        self.errors = "strict"

    def write(self, text):
        self.pending += text
        *lines, self.pending = self.pending.split("\n")
        for line in lines:
            log_event(line)
        return len(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        if self.pending:
            log_event(self.pending)
            self.pending = ""

    def isatty(self):
        return False

    def fileno(self):
        return 1 if self.name == "stdout" else 2

    def writable(self):
        return True


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = request_id
        return True


class LogStoreHandler(logging.Handler):
    def emit(self, record):
        try:
            log_event(self.format(record).rstrip("\n"))
        except Exception:
            self.handleError(record)


def setup_logging():
    sys.stdout = LineWriter("stdout")
    sys.stderr = LineWriter("stderr")
    # The runtime's text format (python-logging.html); the root logger keeps Python's default
    # level (WARNING), so logger.info needs logger.setLevel(logging.INFO), as on AWS.
    logging.Formatter.converter = time.gmtime
    handler = LogStoreHandler()
    handler.setFormatter(
        logging.Formatter(
            "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n",
            "%Y-%m-%dT%H:%M:%S",
        )
    )
    handler.addFilter(RequestIdFilter())
    logging.getLogger().addHandler(handler)


class CognitoIdentity:
    cognito_identity_id = None
    cognito_identity_pool_id = None


class LambdaContext:
    """The context the Python runtime passes (python-context.html)."""

    def __init__(self, message):
        self.aws_request_id = message["requestId"]
        self.invoked_function_arn = message["invokedFunctionArn"]
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = CognitoIdentity()
        self.client_context = None
        self._deadline_ms = now_ms() + int(message["timeoutMs"])

    def get_remaining_time_in_millis(self):
        return max(self._deadline_ms - now_ms(), 0)

    def log(self, message):
        sys.stdout.write(str(message))


def error_result(error_type, message, stack=None):
    return {"errorMessage": message, "errorType": error_type, "requestId": request_id or "", "stackTrace": stack or []}


def from_exception(exc, error_type=None, message=None):
    stack = traceback.format_list(traceback.extract_tb(exc.__traceback__))
    return error_result(error_type or type(exc).__name__, str(exc) if message is None else message, stack)


def log_error(error):
    """``[ERROR] Type: message`` and the traceback, one event, as the runtime logs it."""
    lines = ["[ERROR] %s: %s" % (error["errorType"], error["errorMessage"])]
    lines.append("Traceback (most recent call last):")
    for frame in error["stackTrace"]:
        lines.extend(frame.rstrip("\n").splitlines())
    log_event("\n".join(lines))


def to_protocol(error):
    # The host's RuntimeError shape; AWS's stackTrace travels as its trace.
    return {"errorType": error["errorType"], "errorMessage": error["errorMessage"], "trace": error["stackTrace"]}


def load_handler():
    spec = os.environ.get("_HANDLER", "")
    try:
        module_name, function_name = spec.rsplit(".", 1)
    except ValueError as exc:
        return None, error_result("Runtime.MalformedHandlerName", "Bad handler '%s': %s" % (spec, exc))
    module_name = module_name.replace("/", ".")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        return None, error_result("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, exc))
    except SyntaxError as exc:
        return None, from_exception(
            exc, "Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, exc)
        )
    except Exception as exc:
        return None, from_exception(exc)
    handler = getattr(module, function_name, None)
    if handler is None:
        return None, error_result(
            "Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (function_name, module_name)
        )
    return handler, None


def max_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def trace_header_for(req_id):
    """Lambda's per-invocation X-Ray header, as emulator/lambda/trace-header.ts builds it: botocore
    copies it into X-Amzn-Trace-Id, so the emulator's trace can tell which invocation made a call."""
    digits = "".join(c for c in req_id.lower() if c in "0123456789abcdef").ljust(32, "0")
    return "Root=1-%08x-%s;Parent=%s;Sampled=0" % (int(time.time()), digits[:24], digits[16:32])


def invoke(handler, init_error, message):
    global request_id
    request_id = message["requestId"]
    os.environ["_X_AMZN_TRACE_ID"] = trace_header_for(request_id)
    report({"type": "ack", "requestId": request_id, "timestamp": now_ms()})
    error = None
    payload = None
    if init_error is not None:
        error = dict(init_error, requestId=request_id)
    else:
        try:
            result = handler(message.get("event"), LambdaContext(message))
            try:
                payload = json.loads(json.dumps(result, default=to_json_default))
            except (TypeError, ValueError) as exc:
                error = error_result("Runtime.MarshalError", "Unable to marshal response: %s" % exc)
        except Exception as exc:
            error = from_exception(exc)
    sys.stdout.flush()
    sys.stderr.flush()
    if error is None:
        report({"type": "result", "requestId": request_id, "ok": True, "payload": payload, "maxRssBytes": max_rss_bytes()})
    else:
        log_error(error)
        report(
            {
                "type": "result",
                "requestId": request_id,
                "ok": False,
                "error": to_protocol(error),
                "maxRssBytes": max_rss_bytes(),
            }
        )
    # Frozen until the host sends the next event (lambda-runtime-environment.html).
    os.kill(os.getpid(), signal.SIGSTOP)


def events():
    """Messages from the host, one JSON object per line; ends when the host goes away."""
    buffer = b""
    while True:
        while b"\n" not in buffer:
            try:
                chunk = os.read(IPC_FD, 65536)
            except InterruptedError:
                continue
            if not chunk:
                return
            buffer += chunk
        line, buffer = buffer.split(b"\n", 1)
        if line.strip():
            yield json.loads(line)


def main():
    if IPC_FD < 0:
        sys.exit("bootstrap.py runs as a Lambda host instance (it needs the host's IPC channel)")
    os.set_blocking(IPC_FD, True)
    task_root = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
    # The task root takes the place of this script's own folder at the head of sys.path.
    sys.path[0] = task_root
    setup_logging()
    started = time.perf_counter()
    handler, init_error = load_handler()
    sys.stdout.flush()
    if init_error is not None:
        log_error(init_error)
    init = {"type": "init", "durationMs": (time.perf_counter() - started) * 1000}
    if init_error is not None:
        init["error"] = to_protocol(init_error)
    report(init)
    for message in events():
        if message.get("type") == "invoke":
            invoke(handler, init_error, message)
    sys.exit(0)


if __name__ == "__main__":
    main()
