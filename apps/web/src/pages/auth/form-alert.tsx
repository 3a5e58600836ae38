/** The top-level message of a form, announced when it appears. */
export function FormAlert({ message }: { message: string | null }) {
  return (
    <div role="alert" className="vw-form-alert" data-empty={message ? undefined : ''}>
      {message}
    </div>
  );
}
