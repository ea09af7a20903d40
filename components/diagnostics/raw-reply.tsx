'use client';

import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { RawStatusMessage } from '@/lib/diagnostics/status-message';
import { rawReplyText } from './diagnosis-model';

type CopyState = 'idle' | 'copied' | 'failed';

/** The provider's reply exactly as stored, for a support ticket, with a copy button. */
export function RawReply({ raw, headingId }: { raw: RawStatusMessage; headingId: string }) {
  const text = rawReplyText(raw);
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      // Only secure contexts have the clipboard API; plain-http LAN installs fall back to selecting.
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <div className="space-y-2">
      <pre
        aria-labelledby={headingId}
        tabIndex={0}
        className="max-h-60 overflow-auto rounded-md border border-border bg-surface-raised p-3 font-mono text-xs break-words whitespace-pre-wrap"
      >
        {text}
      </pre>
      <div className="flex items-center gap-2">
        <Button size="sm" onClick={() => void copy()}>
          {state === 'copied' ? (
            <Check aria-hidden className="h-4 w-4" />
          ) : (
            <Copy aria-hidden className="h-4 w-4" />
          )}
          {state === 'copied' ? 'Copied' : 'Copy raw reply'}
        </Button>
        <span role="status" className="text-xs text-muted">
          {state === 'copied'
            ? 'Copied to the clipboard.'
            : state === 'failed'
              ? 'Could not copy here: select the text above and copy it.'
              : ''}
        </span>
      </div>
    </div>
  );
}
