/**
 * Secrets never reach a log or an error message: URLs lose their password, and any text can be
 * scrubbed of the exact secret values the process was given.
 */
export function redactUrl(url) {
    try {
        const parsed = new URL(url);
        if (parsed.password)
            parsed.password = '***';
        for (const key of [...parsed.searchParams.keys()]) {
            if (/pass|token|secret|key/i.test(key))
                parsed.searchParams.set(key, '***');
        }
        return parsed.toString();
    }
    catch {
        return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
    }
}
/** Replaces every occurrence of each secret (and of URLs' passwords) in `text`. */
export function redactText(text, secrets) {
    let out = text.replace(/(postgres(?:ql)?:\/\/[^:/@\s]+):[^@\s]*@/g, '$1:***@');
    for (const secret of secrets)
        if (secret.length >= 4)
            out = out.split(secret).join('***');
    return out;
}
/** The secret parts of a connection URL: its password, decoded and as written. */
export function secretsOfUrl(url) {
    if (!url)
        return [];
    try {
        const raw = new URL(url).password;
        return raw ? [raw, decodeURIComponent(raw)] : [];
    }
    catch {
        return [];
    }
}
//# sourceMappingURL=redact.js.map