/**
 * The id scheme of agent sources (docs/connectors/agents.md). Ids must stay stable across runs:
 * a full run removes whatever it no longer produces, so an id that drifts is a deletion.
 */

/** Lower-case, accents dropped, anything but letters, digits and . _ - turned into `-`. */
export function slug(text: string): string {
  const out = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return out || 'unnamed';
}

/** A file's base name made fit for a source name (`agents:<name>`). */
export function baseName(file: string): string {
  const stem = file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return stem.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '') || 'registry';
}

/** Registry agents: their platform is a system named `agents:<platform>`. */
export const registryIds = {
  system: (platform: string) => `agents:${platform}`,
  account: (platform: string, agentId: string) => `agents:${platform}:account/${agentId}`,
  tool: (platform: string, toolId: string) => `agents:${platform}:tool/${toolId}`,
  credential: (platform: string, agentId: string, credentialId: string) => `agents:${platform}:credential/${agentId}/${credentialId}`,
};

/** A2A cards: the provider (or the host serving the card) is the system; `key` is `<host>/<name slug>`. */
export const cardIds = {
  system: (provider: string) => `a2a:${provider}`,
  account: (provider: string, key: string) => `a2a:${provider}:account/${key}`,
  skill: (provider: string, key: string, skillId: string) => `a2a:${provider}:skill/${key}/${skillId}`,
};
