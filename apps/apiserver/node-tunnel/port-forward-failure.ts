// The text a failed forwarded connection reports on its error stream or channel, worded as kubelet
// words it with a CRI runtime (the pod is named by its sandbox, here its uid, and the uid is empty).
export const portForwardFailure = (port: number | string, podUid: string, reason: string): Buffer =>
  Buffer.from(`error forwarding port ${port} to pod ${podUid}, uid : ${reason}`);
