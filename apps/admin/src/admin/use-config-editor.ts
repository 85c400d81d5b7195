import { useCallback, useEffect, useState } from 'react';
import type { SiteConfig } from '@luot/domain';
import type { ConfigIssue } from '@luot/protocol';
import type { Api } from '../api.ts';
import { M } from '../messages.ts';

interface Loaded {
  config: SiteConfig;
  version: string;
}

/**
 * A draft of the site configuration for one admin page. Saving sends the whole draft with the
 * version it started from; the hub validates it, applies it live, and records it in the audit
 * log, or answers with Vietnamese reasons that the page lists. When someone else changes the
 * configuration (a live `config.updated`) and nothing is being edited here, the draft follows.
 */
export function useConfigEditor(api: Api, liveConfig: SiteConfig | null) {
  const [base, setBase] = useState<Loaded | null>(null);
  const [draft, setDraft] = useState<SiteConfig | null>(null);
  const [issues, setIssues] = useState<ConfigIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty =
    base !== null && draft !== null && JSON.stringify(draft) !== JSON.stringify(base.config);

  const load = useCallback(async () => {
    const res = await api.get<Loaded>('/api/admin/config');
    if (res.ok) {
      setBase(res.data);
      setDraft(structuredClone(res.data.config));
      setIssues([]);
    } else setIssues([{ path: [], message: res.error.message }]);
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (liveConfig && base && !dirty && JSON.stringify(liveConfig) !== JSON.stringify(base.config))
      void load();
  }, [liveConfig, base, dirty, load]);

  async function save() {
    if (!draft || !base) return;
    setSaving(true);
    setMessage(null);
    const res = await api.put<Loaded>('/api/admin/config', {
      config: draft,
      baseVersion: base.version,
    });
    setSaving(false);
    if (res.ok) {
      setBase(res.data);
      setDraft(structuredClone(res.data.config));
      setIssues([]);
      setMessage(M.config.saved);
    } else setIssues(res.issues?.length ? res.issues : [{ path: [], message: res.error.message }]);
  }

  return {
    draft,
    /** Changes the draft through a function of a copy. */
    edit(change: (config: SiteConfig) => void) {
      setDraft((d) => {
        if (!d) return d;
        const next = structuredClone(d);
        change(next);
        return next;
      });
      setMessage(null);
    },
    dirty,
    saving,
    issues,
    message,
    save,
    reset() {
      if (base) setDraft(structuredClone(base.config));
      setIssues([]);
    },
    reload: load,
  };
}

export type ConfigEditor = ReturnType<typeof useConfigEditor>;
