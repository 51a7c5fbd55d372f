/** Every name the function uses, spelled once: the tables exactly as step 2 created them. */
export const TABLE = { user: 'User', chat: 'Chat', game: 'Game' } as const;

/** The keys of a chat frame, as the 2019 Android client sends them. */
export const CHAT_KEYS = ['username', 'content'] as const;
