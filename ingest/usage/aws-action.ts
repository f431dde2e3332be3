/** Event sources whose IAM action prefix is not the host name's first label. */
const PREFIX: Record<string, string> = {
  'monitoring.amazonaws.com': 'cloudwatch',
  'email.amazonaws.com': 'ses',
  'tagging.amazonaws.com': 'tag',
  'streams.dynamodb.amazonaws.com': 'dynamodb',
};

/**
 * The IAM action (`iam:CreateUser`) an API event exercised: the service prefix comes from the event
 * source, the action is the event name. Lambda logs API-versioned names
 * (`UpdateFunctionConfiguration20150331v2`) for what policies call `lambda:UpdateFunctionConfiguration`.
 */
export function iamAction(eventSource: string, eventName: string): string | null {
  const source = eventSource.trim().toLowerCase();
  const prefix = PREFIX[source] ?? source.replace(/\.amazonaws\.com$/, '');
  if (!/^[a-z0-9-]+$/.test(prefix) || !/^[A-Za-z0-9_.-]+$/.test(eventName)) return null;
  const name = prefix === 'lambda' ? eventName.replace(/20\d{6}(v\d+)?$/, '') : eventName;
  return `${prefix}:${name}`;
}

/** Console and IAM Identity Center sign-ins: authentication, not the use of an API right. */
export function isSignIn(eventSource: string, eventType: string | undefined): boolean {
  return eventSource.trim().toLowerCase() === 'signin.amazonaws.com' || eventType === 'AwsConsoleSignIn';
}
