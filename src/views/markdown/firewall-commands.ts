import type { TopologyModel } from '../../model/schema/index.ts';

type Firewall = NonNullable<TopologyModel['firewall']>;
type Rule = Firewall['rules'][number];

/**
 * A shell word as written when it is plainly safe (addresses, CIDRs, ports), else single-quoted
 * (POSIX sh, with `'\''` for a quote inside): topology text must never become a second command.
 */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_.:/,@%+=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Text for a `# comment` line: one line, no control characters. */
export function shellComment(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

/** ufw commands for the firewall rules, in order (ufw(8) syntax). */
export function ufwCommands(fw: Firewall): string[] {
  const out = [`ufw default ${fw.defaultIncoming} incoming`, `ufw default ${fw.defaultOutgoing} outgoing`];
  for (const r of fw.rules) {
    if (r.state?.length) {
      out.push(`# ${shellComment(r.description ?? `${r.state.join(',')} connections`)}: ufw accepts established and related traffic by default`);
      continue;
    }
    const comment = r.description ? ` comment '${shellComment(r.description).replace(/'/g, '')}'` : '';
    const dir = r.direction === 'out' ? ' out' : '';
    const proto = r.protocol === 'any' ? '' : r.protocol;
    if (r.from === 'any') {
      const target = r.port === undefined ? (proto ? `proto ${proto} from any` : 'from any') : `${r.port}${proto ? `/${proto}` : ''}`;
      out.push(`ufw ${r.action}${dir} ${target}${comment}`);
    } else {
      const port = r.port === undefined ? '' : ` port ${r.port}`;
      out.push(`ufw ${r.action}${dir} from ${shellWord(r.from)} to any${port}${proto ? ` proto ${proto}` : ''}${comment}`);
    }
  }
  return out;
}

/** iptables commands for the same rules, ending with the default policy as a final rule. */
export function iptablesCommands(fw: Firewall): string[] {
  const out: string[] = [];
  for (const r of fw.rules) {
    // "(if needed)" marks an optional rule, unless its description already says so.
    if (r.description) out.push(`# ${shellComment(r.description)}${r.optional && !/\bif needed\b/i.test(r.description) ? ' (if needed)' : ''}`);
    const chain = r.direction === 'out' ? 'OUTPUT' : 'INPUT';
    const src = r.from === 'any' ? '' : ` ${r.direction === 'out' ? '-d' : '-s'} ${shellWord(r.from)}`;
    if (r.state?.length) {
      out.push(`iptables -A ${chain}${src} -m state --state ${r.state.join(',')} -j ${target(r)}`);
      continue;
    }
    const protos = r.protocol === 'any' ? (r.port === undefined ? [''] : ['tcp', 'udp']) : [r.protocol];
    for (const p of protos) {
      const proto = p ? ` -p ${p}` : '';
      const port = r.port === undefined ? '' : ` --dport ${r.port}`;
      if (r.action === 'limit') {
        const name = `limit-${String(r.port ?? 'all').replace(':', '-')}`;
        out.push(`iptables -A ${chain}${src}${proto}${port} -m conntrack --ctstate NEW -m recent --set --name ${name}`);
        out.push(`iptables -A ${chain}${src}${proto}${port} -m conntrack --ctstate NEW -m recent --update --seconds 30 --hitcount 6 --name ${name} -j DROP`);
      }
      out.push(`iptables -A ${chain}${src}${proto}${port} -j ${target(r)}`);
    }
  }
  // The default policy as a final rule, unless the rules already end with an inbound catch-all.
  const last = fw.rules.at(-1);
  const endsWithCatchAll = last !== undefined && last.direction === 'in' && last.action !== 'allow' && last.action !== 'limit' && last.port === undefined && !last.state?.length && last.from === 'any' && last.protocol === 'any';
  if (fw.defaultIncoming !== 'allow' && !endsWithCatchAll) {
    out.push(`# Drop all other inbound`);
    out.push(`iptables -A INPUT -j ${fw.defaultIncoming === 'reject' ? 'REJECT' : 'DROP'}`);
  }
  return out;
}

function target(r: Rule): string {
  return r.action === 'deny' ? 'DROP' : r.action === 'reject' ? 'REJECT' : 'ACCEPT';
}
