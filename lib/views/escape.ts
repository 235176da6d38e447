/**
 * Escaping for the views: rule names, patterns, groups and filters come from files people did
 * not write themselves (a pull request's rule file), so none of them may break out of a
 * markdown table, forge formatting in a PR comment, or become markup in the HTML page.
 */

/** Markdown inline text: every character markdown gives meaning to is escaped; line breaks become spaces. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/gu, " ")
    .replace(/[\\`*_{}[\]()#+\-.!|~>]/gu, (char) => `\\${char}`)
    .replace(/&/gu, "&amp;")
    .replace(/</gu, "&lt;");
}

/** HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/gu, "&amp;")
    .replace(/</gu, "&lt;")
    .replace(/>/gu, "&gt;")
    .replace(/"/gu, "&quot;")
    .replace(/'/gu, "&#39;");
}
