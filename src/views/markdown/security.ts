import type { TopologyModel } from '../../model/schema/index.ts';
import { displayName, firewallOpening, publications, servicePorts } from '../../model/queries.ts';
import { isDatastore, routeMiddlewareTypes, securityFacts, type SecurityLayerKind } from '../../model/security-facts.ts';
import { mdCell, mdCode, mdProse, mdTable, mdText } from '../escape.ts';
import type { Fragment } from '../types.ts';
import { iptablesCommands, ufwCommands } from './firewall-commands.ts';

const LAYER_TITLES: Record<SecurityLayerKind, string> = {
  network: 'Network isolation',
  transport: 'Transport',
  'access-control': 'Access control',
  application: 'Application',
  data: 'Data',
};

/** The security summary: the model's facts by layer, the team's stated layers, reachability and firewall commands. */
export function securitySummary(t: TopologyModel): Fragment[] {
  const parts: string[] = [];
  const facts = securityFacts(t);
  parts.push(
    `### Checked facts\n\nComputed from the topology, not restated: ✅ holds, ⚠️ does not. Each names the rule that checks the same against the compose files${t.compose ? ' (`topodoc check --security`, which also reviews privileges, capabilities, secrets, health checks and resource limits)' : ''}.\n`,
  );
  for (const layer of Object.keys(LAYER_TITLES) as SecurityLayerKind[]) {
    const mine = facts.filter((f) => f.layer === layer);
    parts.push(`**${LAYER_TITLES[layer]}**\n\n${mine.length ? mine.map((f) => `- ${f.holds ? '✅' : '⚠️'} ${mdText(f.statement)} ${mdCode(f.rule)}`).join('\n') : '- Nothing in the model speaks to this layer.'}\n`);
  }

  if (t.security?.layers.length) {
    parts.push(
      `### Security layers, as the team states them\n\n${t.security.layers
        .map((l, i) => `${i + 1}. **${mdText(l.name)}**${l.description ? ` — ${mdProse(l.description)}` : ''}\n${l.measures.map((m) => `   - ${mdProse(m)}`).join('\n')}`)
        .join('\n')}\n${(t.security.notes ?? []).map((n) => `\n> ${mdProse(n)}`).join('')}\n`,
    );
  }

  parts.push(`### Who can reach what\n\n${reachability(t)}\n`);

  if (t.firewall) {
    const fw = t.firewall;
    const ruleRows = fw.rules.map((r) => [
      r.action,
      r.direction,
      r.port === undefined ? 'all' : String(r.port),
      r.protocol,
      mdCell(r.from),
      r.state?.length ? r.state.join(',') : '–',
      mdCell((r.description ?? '') + (r.optional ? ' (optional)' : '')),
    ]);
    parts.push(
      `### Firewall (${mdText(fw.kind)}${fw.alternatives?.length ? ` / ${fw.alternatives.map(mdText).join(' / ')}` : ''})\n\nDefault: ${fw.defaultIncoming} incoming, ${fw.defaultOutgoing} outgoing.\n\n${mdTable(['Action', 'Direction', 'Port', 'Protocol', 'From', 'State', 'Why'], ruleRows)}\n${(fw.notes ?? []).map((n) => `\n- ${mdProse(n)}`).join('')}\n\nAs ufw commands:\n\n\`\`\`bash\n${ufwCommands(fw).join('\n')}\n\`\`\`\n\nAs iptables commands:\n\n\`\`\`bash\n${iptablesCommands(fw).join('\n')}\n\`\`\`\n`,
    );
  }
  if (t.ssh) {
    const s = t.ssh;
    parts.push(
      `### SSH access\n\n- Port ${s.port}, ${s.auth === 'key' ? 'key-based authentication only' : `${s.auth} authentication`}${s.rateLimited ? ', rate limited by the firewall' : ''}\n${s.users?.length ? `- Users: ${s.users.map(mdCode).join(', ')}\n` : ''}${s.clients?.length ? `- Clients: ${s.clients.map(mdText).join(', ')}\n` : ''}${s.description ? `- ${mdText(s.description)}\n` : ''}`,
    );
  }
  return [
    {
      name: 'security',
      kind: 'markdown',
      title: 'Security summary',
      description: `Security of ${t.name}: facts checked against the model, stated layers, reachability and firewall rules.`,
      file: 'security.md',
      content: `${parts.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`,
    },
  ];
}

function reachability(t: TopologyModel): string {
  const pubs = publications(t);
  const allowed = (port: number) => !t.firewall || firewallOpening(t, port) !== undefined;
  const rows = Object.entries(t.services).map(([id, s]) => {
    const internet: string[] = [];
    for (const [, r] of Object.entries(t.routes ?? {})) {
      if (r.service !== id || !r.public) continue;
      const types = routeMiddlewareTypes(t, r.middlewares);
      const guard = types.includes('forwardAuth') || types.includes('basicAuth') ? ' (auth)' : types.includes('ipAllowList') ? ' (IP allow-list)' : '';
      internet.push(`${r.host}${r.path ?? ''}${guard}`);
    }
    const hostPorts = pubs.filter((p) => p.owner === id);
    for (const p of hostPorts) if (allowed(p.hostPort)) internet.push(`port ${p.hostPort}`);
    const blocked = hostPorts.filter((p) => !allowed(p.hostPort)).map((p) => `(${p.hostPort} blocked by the firewall)`);
    const peers = Object.entries(t.services)
      .filter(([other, o]) => other !== id && (o.networks ?? []).some((n) => (s.networks ?? []).includes(n)))
      .map(([other]) => other);
    const ports = servicePorts(s).map((p) => p.port);
    const everyone = peers.length > 0 && peers.length === Object.keys(t.services).length - 1;
    return [
      mdCell(displayName(t, id)) + (isDatastore(s.kind) ? ' (datastore)' : ''),
      internet.length ? internet.map(mdCell).join(', ') : 'no',
      hostPorts.length ? [...hostPorts.filter((p) => allowed(p.hostPort)).map((p) => String(p.hostPort)), ...blocked].join(', ') : 'no',
      ports.length ? ports.join(', ') : '–',
      peers.length === 0 ? 'no other service' : everyone ? 'every other service' : peers.map(mdCell).join(', '),
      mdCell((s.networks ?? []).join(', ')),
    ];
  });
  return mdTable(['Service', 'From the Internet', 'Host ports', 'Container ports', 'Reachable from containers', 'Networks'], rows);
}
