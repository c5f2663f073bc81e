# The official Python client (Debian's python3-kubernetes) against the running server, one
# scenario per run, printing one JSON line with what it saw (or {"error": ...} with exit code 1).
# Usage: /usr/bin/python3 python-client.py <kubeconfig> <scenario> [args...]
#   crud <namespace>                   create, read, list, patch, watch and delete config maps
#   errors <namespace>                 the raw bodies of a 404, a 409 and a 422
#   exec <namespace> <pod>             run a command, stdout and stderr apart, with its exit code
#   portforward <namespace> <pod> <port>  GET / through a forwarded port
import json
import sys
import threading

from kubernetes import client, config, watch
from kubernetes.stream import portforward, stream


def crud(core, namespace):
    seen = {"namespaces": [n.metadata.name for n in core.list_namespace().items]}
    events = []
    w = watch.Watch()

    def watching():
        # Only the test's own object: the namespace also holds the root CA publisher's kube-root-ca.crt.
        for event in w.stream(core.list_namespaced_config_map, namespace, label_selector="app=py", timeout_seconds=20):
            events.append([event["type"], event["object"].metadata.name])
            if event["type"] == "DELETED":
                w.stop()

    listed = core.list_namespaced_config_map(namespace)
    watcher = threading.Thread(target=watching)
    watcher.start()
    body = client.V1ConfigMap(metadata=client.V1ObjectMeta(name="py", labels={"app": "py"}), data={"a": "1"})
    created = core.create_namespaced_config_map(namespace, body)
    seen["created"] = {"name": created.metadata.name, "uid": bool(created.metadata.uid)}
    seen["read"] = core.read_namespaced_config_map("py", namespace).data
    seen["selected"] = [c.metadata.name for c in core.list_namespaced_config_map(namespace, label_selector="app=py").items]
    seen["patched"] = core.patch_namespaced_config_map("py", namespace, {"data": {"b": "2"}}).data
    try:
        core.read_namespaced_config_map("missing", namespace)
    except client.exceptions.ApiException as e:
        seen["missing"] = {"status": e.status, "reason": json.loads(e.body)["reason"]}
    core.delete_namespaced_config_map("py", namespace)
    watcher.join(25)
    seen["listResourceVersion"] = bool(listed.metadata.resource_version)
    seen["events"] = events
    return seen


def error_bodies(core, namespace):
    """The raw bodies of a 404, a 409 and a 422, as a client comparing them as text sees them."""
    def body_of(call):
        try:
            call()
        except client.exceptions.ApiException as e:
            return e.body
        return None

    cm = {"metadata": {"name": "py-dup"}}
    core.create_namespaced_config_map(namespace, cm)
    endpoints = {
        "metadata": {"name": "py-lo"},
        "subsets": [{"addresses": [{"ip": "127.0.0.1"}], "ports": [{"port": 5432}]}],
    }
    seen = {
        "notFound": body_of(lambda: core.read_namespaced_config_map("py-missing", namespace)),
        "alreadyExists": body_of(lambda: core.create_namespaced_config_map(namespace, cm)),
        "invalid": body_of(lambda: core.create_namespaced_endpoints(namespace, endpoints)),
    }
    core.delete_namespaced_config_map("py-dup", namespace)
    return seen


def run_exec(core, namespace, pod):
    resp = stream(
        core.connect_get_namespaced_pod_exec, pod, namespace,
        command=["sh", "-c", "echo out; echo err >&2; exit 3"],
        stderr=True, stdin=False, stdout=True, tty=False, _preload_content=False,
    )
    out, err = "", ""
    while resp.is_open():
        resp.update(timeout=1)
        out += resp.read_stdout() if resp.peek_stdout() else ""
        err += resp.read_stderr() if resp.peek_stderr() else ""
    return {"stdout": out, "stderr": err, "exitCode": resp.returncode}


def run_portforward(core, namespace, pod, port):
    forward = portforward(core.connect_get_namespaced_pod_portforward, pod, namespace, ports=str(port))
    sock = forward.socket(int(port))
    sock.setblocking(True)
    sock.sendall(b"GET / HTTP/1.0\r\nHost: pod\r\n\r\n")
    answer = b""
    while True:
        data = sock.recv(65536)
        if not data:
            break
        answer += data
    sock.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    return {"statusLine": head.split(b"\r\n")[0].decode(), "body": body.decode()}


def main():
    kubeconfig, scenario, *args = sys.argv[1:]
    config.load_kube_config(config_file=kubeconfig)
    core = client.CoreV1Api()
    run = {"crud": crud, "errors": error_bodies, "exec": run_exec, "portforward": run_portforward}[scenario]
    try:
        print(json.dumps(run(core, *args)))
    except Exception as e:  # the test prints whatever went wrong
        print(json.dumps({"error": f"{type(e).__name__}: {e}"}))
        sys.exit(1)


main()
