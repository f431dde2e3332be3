/**
 * A model's text is shown to people in a chat page: it must not carry links or markup that make the
 * browser fetch an outside address (the classic way an injected instruction leaks data: an image whose
 * URL holds the secret). Links become their text; bare URLs are replaced; tags are removed.
 */
export function sanitizeModelText(text: string, maxLength = 8000): { text: string; removed: number } {
  let removed = 0;
  const count = (replacement: string) => () => {
    removed += 1;
    return replacement;
  };
  const out = text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, count('[image removed]'))
    .replace(/\[([^\]]*)\]\((?:[a-z][a-z0-9+.-]*:|\/\/)[^)]*\)/gi, (_m, label: string) => {
      removed += 1;
      return label;
    })
    .replace(/<\/?[a-z][^>]*>/gi, count(''))
    .replace(/\b(?:https?|ftp|file|data|javascript):\/?\/?[^\s)\]]+/gi, count('[link removed]'))
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e\u2066-\u2069]/g, '');
  return { text: out.length > maxLength ? `${out.slice(0, maxLength)}…` : out, removed };
}
