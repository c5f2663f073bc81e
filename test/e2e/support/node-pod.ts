// A pod manifest already bound to a node (spec.nodeName, as the scheduler would bind it) and quick
// to stop, for the tests that run containers on an agent.
export const nodePod = (
  name: string,
  nodeName: string,
  containers: Record<string, unknown>[],
  spec: Record<string, unknown> = {},
) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { nodeName, terminationGracePeriodSeconds: 1, containers, ...spec },
});
