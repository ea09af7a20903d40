import type { ParsedReply } from '@/lib/diagnostics/smtp-reply';

const classWords = {
  success: 'success',
  temporary: 'temporary failure',
  permanent: 'permanent failure',
} as const;

/** The reply code split into its parts, each with what it means (RFC 5321 and RFC 3463). */
export function ReplyCode({ reply, headingId }: { reply: ParsedReply; headingId: string }) {
  const enhanced = reply.enhancedParts;
  if (reply.basicCode === null && enhanced === null) {
    return <p className="text-sm text-muted">The provider sent no reply code with this error.</p>;
  }
  return (
    <dl aria-labelledby={headingId} className="grid gap-3 text-sm sm:grid-cols-2">
      {reply.basicCode !== null ? (
        <div className="rounded-md border border-border p-3">
          <dt className="text-xs font-medium text-muted">Reply code</dt>
          <dd className="mt-1">
            <span className="font-mono text-base font-semibold">{reply.basicCode}</span>
            {reply.basicClass ? (
              <span className="ml-2 text-sm">
                {String(reply.basicCode)[0]}xx: {classWords[reply.basicClass]}
              </span>
            ) : null}
            {reply.basicMeaning ? <span className="block text-muted">{reply.basicMeaning}</span> : null}
          </dd>
        </div>
      ) : null}
      {enhanced !== null && reply.enhancedCode !== null ? (
        <div className="rounded-md border border-border p-3">
          <dt className="text-xs font-medium text-muted">Enhanced status code</dt>
          <dd className="mt-1">
            <span className="font-mono text-base font-semibold">{reply.enhancedCode}</span>
            {reply.enhancedMeaning ? <span className="block text-muted">{reply.enhancedMeaning}</span> : null}
            <dl className="mt-2 grid grid-cols-[auto_auto_1fr] gap-x-2 gap-y-1 text-xs">
              {(
                [
                  ['Class', enhanced.class],
                  ['Subject', enhanced.subject],
                  ['Detail', enhanced.detail],
                ] as const
              ).map(([name, part]) => (
                <div key={name} className="contents">
                  <dt className="text-muted">{name}</dt>
                  <dd className="font-mono font-semibold">{part.value}</dd>
                  <dd>{part.meaning}</dd>
                </div>
              ))}
            </dl>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
