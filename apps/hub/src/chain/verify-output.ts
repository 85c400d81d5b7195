import type {
  ChainFinding,
  ChainReport,
  DigestFinding,
  SiteVerification,
  Verification,
} from './verify.ts';

/** `luot verify`'s lines: one per site and chain (events, audit, digests), then the verdict. */
export function verificationLines(v: Verification): string[] {
  const lines = [`Checked ${v.source}.`];
  if (v.sites.length === 0) lines.push('No site has stored anything yet.');
  for (const site of v.sites)
    lines.push(
      chainLine(site.siteId, site.events),
      chainLine(site.siteId, site.audit),
      digestsLine(site),
    );
  lines.push(
    v.intact
      ? 'Intact: no record was changed, removed, added or moved.'
      : 'TAMPERING FOUND: the log above is not as the hub wrote it (exit code 1).',
  );
  return lines;
}

function chainLine(siteId: string, c: ChainReport): string {
  const unit = c.chain === 'events' ? 'seq' : 'id';
  const head = `${siteId} ${c.chain}:`;
  if (c.finding) return `${head} TAMPERED — ${describe(c.finding, unit)}`;
  const parts = [
    c.records === 0 ? 'no records' : `${c.records} records (${unit} ${c.first}–${c.last})`,
  ];
  if (c.beforeChain > 0) parts.push(`${c.beforeChain} stored before the chain began (not covered)`);
  if (c.anchor) parts.push(`purged up to ${unit} ${c.anchor.pos}`);
  return `${head} intact — ${parts.join(', ')}`;
}

function describe(f: ChainFinding, unit: string): string {
  switch (f.kind) {
    case 'edited':
      return `${unit} ${f.pos} was edited: its content no longer matches its hash.`;
    case 'inserted':
      return `${unit} ${f.pos} was inserted: the record after it does not link to it.`;
    case 'reordered':
      return `${unit} ${f.pos} was moved: it links to ${unit} ${f.linksTo}, stored after it.`;
    case 'deleted':
      return f.missing && f.missing[0] <= f.missing[1]
        ? `${f.missing[0] === f.missing[1] ? `${unit} ${f.missing[0]} was` : `${unit} ${f.missing[0]}–${f.missing[1]} were`} deleted.`
        : `records before ${unit} ${f.pos} were deleted: it links to a record no longer stored.`;
    case 'digest-mismatch':
      return (
        `rewritten: the digest sealed for ${f.day} no longer matches the log` +
        (f.pos > 0 ? ` (look from ${unit} ${f.pos}, the first record of that day).` : '.')
      );
  }
}

function digestsLine(site: SiteVerification): string {
  const d = site.digests;
  const head = `${site.siteId} digests:`;
  if (d.finding) return `${head} TAMPERED — ${describeDigest(d.finding)}`;
  const sealed =
    d.sealed === 0 ? 'no day sealed yet' : `${d.sealed} days sealed (${d.first} … ${d.last})`;
  const published =
    d.published === 0
      ? 'no published code given'
      : d.published === 1
        ? '1 published code matches'
        : `${d.published} published codes match`;
  return `${head} intact — ${sealed}, ${published}`;
}

function describeDigest(f: DigestFinding): string {
  const from = [
    f.firstEvent != null ? `event seq ${f.firstEvent}` : null,
    f.firstAudit != null ? `audit id ${f.firstAudit}` : null,
  ].filter(Boolean);
  const look = from.length > 0 ? ` (look from ${from.join(' and ')}).` : '.';
  switch (f.kind) {
    case 'digest-edited':
      return `the stored digest of ${f.day} was edited: it is not the digest of what it names${look}`;
    case 'digest-missing':
      return `a code was published for ${f.day} (${f.published}) but no digest of that day is stored: it was removed.`;
    case 'published-mismatch':
      return `the code published for ${f.day} is ${f.published}; the stored log gives ${f.stored}: the log was rewritten on or before ${f.day}${look}`;
  }
}
