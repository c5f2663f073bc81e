// Kinds kubectl never sends as protobuf (agents, controllers and other clients may): bodies are
// hand-encoded with the field numbers of upstream's generated.proto, written out here independently
// of our schema tables. Non-pointer Go fields are on the wire even when zero, as Go's encoder writes them.
import { decodeProtobufObject } from './index';
import { bool, envelope, int, intOrString, msg, quantity, str, strMap, time } from './fixtures/proto-writer';

// ObjectMeta {1 name, 2 generateName, 3 namespace, 5 uid, 6 resourceVersion, 7 generation, 8 creationTimestamp, 11 labels}.
const meta = (name: string, namespace = '', labels: Record<string, string> = {}) =>
  msg(1, str(1, name), str(2, ''), str(3, namespace), str(5, ''), str(6, ''), int(7, 0), msg(8), strMap(11, labels));

const quantities = (n: number, values: Record<string, string>) =>
  Object.entries(values).map(([k, v]) => msg(n, str(1, k), quantity(2, v)));

// Container {1 name, 2 image, 3 command, 6 ports, 7 env, 8 resources, 9 volumeMounts, 10 livenessProbe,
// 11 readinessProbe, 14 imagePullPolicy, 15 securityContext, 16 stdin}.
const container = msg(
  2,
  str(1, 'app'),
  str(2, 'nginx:1.27'),
  str(3, 'nginx'),
  str(3, '-g'),
  msg(6, str(1, 'http'), int(2, 0), int(3, 8080), str(4, 'TCP')),
  msg(7, str(1, 'MODE'), str(2, 'prod')),
  msg(7, str(1, 'POD_NAME'), msg(3, msg(1, str(1, 'v1'), str(2, 'metadata.name')))),
  msg(8, ...quantities(1, { cpu: '500m', memory: '128Mi' }), ...quantities(2, { cpu: '250m' })),
  msg(9, str(1, 'data'), bool(2, true), str(3, '/data')),
  msg(10, msg(1, msg(2, str(1, '/healthz'), intOrString(2, 8080), str(4, 'HTTP'))), int(2, 5), int(4, 10)),
  msg(11, msg(1, msg(3, intOrString(1, 'http'))), int(2, 0)),
  str(14, 'IfNotPresent'),
  msg(15, msg(1, str(1, 'NET_BIND_SERVICE'), str(2, 'ALL')), bool(5, true), bool(6, true), bool(7, false)),
  bool(16, false),
);

// Volume {1 name, 2 volumeSource (inlined in JSON)}; VolumeSource {1 hostPath, 2 emptyDir, 6 secret,
// 10 persistentVolumeClaim, 16 downwardAPI, 19 configMap, 26 projected}.
const volumes = [
  msg(1, str(1, 'data'), msg(2, msg(2, str(1, 'Memory'), quantity(2, '1Gi')))),
  msg(
    1,
    str(1, 'cfg'),
    msg(2, msg(19, msg(1, str(1, 'app-config')), msg(2, str(1, 'k'), str(2, 'k.conf')), int(3, 420))),
  ),
  msg(1, str(1, 'creds'), msg(2, msg(6, str(1, 'creds'), int(3, 256), bool(4, true)))),
  msg(1, str(1, 'logs'), msg(2, msg(1, str(1, '/var/log'), str(2, 'Directory')))),
  msg(1, str(1, 'claim'), msg(2, msg(10, str(1, 'pvc-1'), bool(2, false)))),
  msg(1, str(1, 'info'), msg(2, msg(16, msg(1, str(1, 'labels'), msg(2, str(1, 'v1'), str(2, 'metadata.labels')))))),
  msg(
    1,
    str(1, 'bundle'),
    msg(2, msg(26, msg(1, msg(1, msg(1, str(1, 'tls')))), msg(1, msg(3, msg(1, str(1, 'ca')), bool(4, false))))),
  ),
];

const pod = envelope(
  'v1',
  'Pod',
  meta('web-0', 'default', { app: 'web' }),
  msg(
    2,
    ...volumes,
    container,
    str(3, 'Always'),
    int(4, 0),
    str(6, 'ClusterFirst'),
    strMap(7, { disk: 'ssd' }),
    str(8, 'web'),
    bool(11, false),
    bool(21, false),
    msg(14, int(2, 1000), bool(3, true), int(4, 3000), int(4, 4000), int(5, 2000)),
    msg(
      18,
      msg(1, msg(1, msg(1, msg(1, str(1, 'zone'), str(2, 'In'), str(3, 'a'), str(3, 'b'))))),
      msg(3, msg(2, int(1, 100), msg(2, msg(1, strMap(1, { app: 'web' })), str(3, 'kubernetes.io/hostname')))),
    ),
    msg(22, str(1, 'node.kubernetes.io/not-ready'), str(2, 'Exists'), str(3, ''), str(4, 'NoExecute'), int(5, 300)),
    msg(33, int(1, 1), str(2, 'zone'), str(3, 'DoNotSchedule'), msg(4, strMap(1, { app: 'web' }))),
  ),
  msg(
    3,
    str(1, 'Running'),
    msg(2, str(1, 'Ready'), str(2, 'True'), msg(3), time(4, '2024-01-02T03:04:05Z')),
    str(5, '192.168.1.10'),
    str(6, '10.0.0.5'),
    msg(12, str(1, '10.0.0.5')),
    time(7, '2024-01-02T03:04:00Z'),
    msg(
      8,
      str(1, 'app'),
      msg(2, msg(2, time(1, '2024-01-02T03:04:01Z'))),
      msg(3),
      bool(4, true),
      int(5, 0),
      str(6, 'nginx:1.27'),
      bool(9, true),
    ),
    str(9, 'Burstable'),
  ),
);

const podJson = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-0', namespace: 'default', creationTimestamp: null, labels: { app: 'web' } },
  spec: {
    volumes: [
      { name: 'data', emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } },
      { name: 'cfg', configMap: { name: 'app-config', items: [{ key: 'k', path: 'k.conf' }], defaultMode: 420 } },
      { name: 'creds', secret: { secretName: 'creds', defaultMode: 256, optional: true } },
      { name: 'logs', hostPath: { path: '/var/log', type: 'Directory' } },
      { name: 'claim', persistentVolumeClaim: { claimName: 'pvc-1' } },
      {
        name: 'info',
        downwardAPI: { items: [{ path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }] },
      },
      {
        name: 'bundle',
        projected: { sources: [{ secret: { name: 'tls' } }, { configMap: { name: 'ca', optional: false } }] },
      },
    ],
    containers: [
      {
        name: 'app',
        image: 'nginx:1.27',
        command: ['nginx', '-g'],
        ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
        env: [
          { name: 'MODE', value: 'prod' },
          { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
        ],
        resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m' } },
        volumeMounts: [{ name: 'data', readOnly: true, mountPath: '/data' }],
        livenessProbe: {
          httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
          initialDelaySeconds: 5,
          periodSeconds: 10,
        },
        readinessProbe: { tcpSocket: { port: 'http' } },
        imagePullPolicy: 'IfNotPresent',
        securityContext: {
          capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
        },
      },
    ],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 0,
    dnsPolicy: 'ClusterFirst',
    nodeSelector: { disk: 'ssd' },
    serviceAccountName: 'web',
    automountServiceAccountToken: false,
    securityContext: { runAsUser: 1000, runAsNonRoot: true, supplementalGroups: [3000, 4000], fsGroup: 2000 },
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }],
        },
      },
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 100,
            podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' },
          },
        ],
      },
    },
    tolerations: [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ],
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: 'zone',
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: { app: 'web' } },
      },
    ],
  },
  status: {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2024-01-02T03:04:05Z' }],
    hostIP: '192.168.1.10',
    podIP: '10.0.0.5',
    podIPs: [{ ip: '10.0.0.5' }],
    startTime: '2024-01-02T03:04:00Z',
    containerStatuses: [
      {
        name: 'app',
        state: { running: { startedAt: '2024-01-02T03:04:01Z' } },
        lastState: {},
        ready: true,
        restartCount: 0,
        image: 'nginx:1.27',
        started: true,
      },
    ],
    qosClass: 'Burstable',
  },
};

const node = envelope(
  'v1',
  'Node',
  meta('worker-1', '', { 'kubernetes.io/hostname': 'worker-1' }),
  msg(
    2,
    str(1, '10.244.1.0/24'),
    str(7, '10.244.1.0/24'),
    bool(4, true),
    msg(5, str(1, 'dedicated'), str(2, 'db'), str(3, 'NoSchedule')),
  ),
  msg(
    3,
    ...quantities(1, { cpu: '4', memory: '8Gi', pods: '110' }),
    ...quantities(2, { cpu: '3800m', memory: '7Gi', pods: '110' }),
    msg(
      4,
      str(1, 'Ready'),
      str(2, 'True'),
      time(3, '2024-05-06T07:08:09Z'),
      time(4, '2024-05-06T07:00:00Z'),
      str(5, 'KubeletReady'),
      str(6, 'kubelet is posting ready status'),
    ),
    msg(5, str(1, 'InternalIP'), str(2, '192.168.1.11')),
    msg(6, msg(1, int(1, 10250))),
    msg(7, str(7, 'v1.33.0'), str(9, 'linux'), str(10, 'amd64')),
  ),
);

const nodeJson = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'worker-1', creationTimestamp: null, labels: { 'kubernetes.io/hostname': 'worker-1' } },
  spec: {
    podCIDR: '10.244.1.0/24',
    podCIDRs: ['10.244.1.0/24'],
    unschedulable: true,
    taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }],
  },
  status: {
    capacity: { cpu: '4', memory: '8Gi', pods: '110' },
    allocatable: { cpu: '3800m', memory: '7Gi', pods: '110' },
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        lastHeartbeatTime: '2024-05-06T07:08:09Z',
        lastTransitionTime: '2024-05-06T07:00:00Z',
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
      },
    ],
    addresses: [{ type: 'InternalIP', address: '192.168.1.11' }],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: { kubeletVersion: 'v1.33.0', operatingSystem: 'linux', architecture: 'amd64' },
  },
};

const service = envelope(
  'v1',
  'Service',
  meta('lb', 'default'),
  msg(
    2,
    msg(1, str(1, 'https'), str(2, 'TCP'), int(3, 443), intOrString(4, 'https'), int(5, 31443)),
    strMap(2, { app: 'web' }),
    str(3, '10.96.0.20'),
    str(18, '10.96.0.20'),
    str(4, 'LoadBalancer'),
    str(7, 'ClientIP'),
    str(11, 'Local'),
    int(12, 32000),
    msg(14, msg(1, int(1, 10800))),
    str(19, 'IPv4'),
    str(17, 'SingleStack'),
    bool(20, false),
    str(22, 'Cluster'),
  ),
  msg(3, msg(1, msg(1, str(1, '203.0.113.7'), msg(4, int(1, 443), str(2, 'TCP'))))),
);

const serviceJson = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'lb', namespace: 'default', creationTimestamp: null },
  spec: {
    ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 'https', nodePort: 31443 }],
    selector: { app: 'web' },
    clusterIP: '10.96.0.20',
    clusterIPs: ['10.96.0.20'],
    type: 'LoadBalancer',
    sessionAffinity: 'ClientIP',
    externalTrafficPolicy: 'Local',
    healthCheckNodePort: 32000,
    sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    allocateLoadBalancerNodePorts: false,
    internalTrafficPolicy: 'Cluster',
  },
  status: { loadBalancer: { ingress: [{ ip: '203.0.113.7', ports: [{ port: 443, protocol: 'TCP' }] }] } },
};

const endpoints = envelope(
  'v1',
  'Endpoints',
  meta('web', 'default'),
  msg(
    2,
    msg(
      1,
      str(1, '10.0.0.5'),
      str(4, 'worker-1'),
      msg(2, str(1, 'Pod'), str(2, 'default'), str(3, 'web-0'), str(4, 'u-1')),
    ),
    msg(2, str(1, '10.0.0.6')),
    msg(3, str(1, 'http'), int(2, 8080), str(3, 'TCP')),
  ),
);

const endpointsJson = {
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name: 'web', namespace: 'default', creationTimestamp: null },
  subsets: [
    {
      addresses: [
        {
          ip: '10.0.0.5',
          nodeName: 'worker-1',
          targetRef: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: 'u-1' },
        },
      ],
      notReadyAddresses: [{ ip: '10.0.0.6' }],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    },
  ],
};

const coreEvent = envelope(
  'v1',
  'Event',
  meta('web-0.17a', 'default'),
  msg(
    2,
    str(1, 'Pod'),
    str(2, 'default'),
    str(3, 'web-0'),
    str(4, 'u-1'),
    str(5, 'v1'),
    str(7, 'spec.containers{app}'),
  ),
  str(3, 'Pulled'),
  str(4, 'Successfully pulled image'),
  msg(5, str(1, 'kubelet'), str(2, 'worker-1')),
  time(6, '2024-01-02T03:04:05Z'),
  time(7, '2024-01-02T03:05:05Z'),
  int(8, 2),
  str(9, 'Normal'),
  msg(10),
  str(14, ''),
);

const coreEventJson = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'web-0.17a', namespace: 'default', creationTimestamp: null },
  involvedObject: {
    kind: 'Pod',
    namespace: 'default',
    name: 'web-0',
    uid: 'u-1',
    apiVersion: 'v1',
    fieldPath: 'spec.containers{app}',
  },
  reason: 'Pulled',
  message: 'Successfully pulled image',
  source: { component: 'kubelet', host: 'worker-1' },
  firstTimestamp: '2024-01-02T03:04:05Z',
  lastTimestamp: '2024-01-02T03:05:05Z',
  count: 2,
  type: 'Normal',
  eventTime: null,
  reportingComponent: '',
};

const eventsEvent = envelope(
  'events.k8s.io/v1',
  'Event',
  meta('web-0.17b', 'default'),
  time(2, '2024-01-02T03:04:05Z', 123_456_789),
  msg(3, int(1, 3), time(2, '2024-01-02T03:06:00Z', 5_000)),
  str(4, 'kubenest.io/scheduler'),
  str(5, 'scheduler-0'),
  str(6, 'Binding'),
  str(7, 'Scheduled'),
  msg(8, str(1, 'Pod'), str(2, 'default'), str(3, 'web-0')),
  str(10, 'assigned default/web-0 to worker-1'),
  str(11, 'Normal'),
  int(15, 0),
);

const eventsEventJson = {
  apiVersion: 'events.k8s.io/v1',
  kind: 'Event',
  metadata: { name: 'web-0.17b', namespace: 'default', creationTimestamp: null },
  eventTime: '2024-01-02T03:04:05.123456Z',
  series: { count: 3, lastObservedTime: '2024-01-02T03:06:00.000005Z' },
  reportingController: 'kubenest.io/scheduler',
  reportingInstance: 'scheduler-0',
  action: 'Binding',
  reason: 'Scheduled',
  regarding: { kind: 'Pod', namespace: 'default', name: 'web-0' },
  note: 'assigned default/web-0 to worker-1',
  type: 'Normal',
};

const lease = envelope(
  'coordination.k8s.io/v1',
  'Lease',
  meta('worker-1', 'kube-node-lease'),
  msg(
    2,
    str(1, 'worker-1'),
    int(2, 40),
    time(3, '2024-01-02T03:04:05Z', 0),
    time(4, '2024-01-02T03:04:45Z', 250_000_000),
    int(5, 0),
  ),
);

const leaseJson = {
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name: 'worker-1', namespace: 'kube-node-lease', creationTimestamp: null },
  spec: {
    holderIdentity: 'worker-1',
    leaseDurationSeconds: 40,
    acquireTime: '2024-01-02T03:04:05.000000Z',
    renewTime: '2024-01-02T03:04:45.250000Z',
    leaseTransitions: 0,
  },
};

// EndpointSlice {1 metadata, 2 endpoints, 3 ports, 4 addressType}; Endpoint {1 addresses, 2 conditions,
// 3 hostname, 4 targetRef, 6 nodeName, 7 zone}; EndpointConditions {1 ready, 2 serving, 3 terminating};
// EndpointPort {1 name, 2 protocol, 3 port}.
const endpointSlice = envelope(
  'discovery.k8s.io/v1',
  'EndpointSlice',
  meta('web-abcde', 'default', { 'kubernetes.io/service-name': 'web' }),
  msg(
    2,
    str(1, '10.0.0.5'),
    msg(2, bool(1, true), bool(2, true), bool(3, false)),
    msg(4, str(1, 'Pod'), str(2, 'default'), str(3, 'web-0'), str(4, 'u-1')),
    str(6, 'worker-1'),
    str(7, 'zone-a'),
  ),
  msg(2, str(1, '10.0.0.6'), msg(2, bool(1, false), bool(2, true), bool(3, true))),
  msg(3, str(1, ''), str(2, 'TCP'), int(3, 8080)),
  str(4, 'IPv4'),
);

const endpointSliceJson = {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: {
    name: 'web-abcde',
    namespace: 'default',
    labels: { 'kubernetes.io/service-name': 'web' },
    creationTimestamp: null,
  },
  addressType: 'IPv4',
  endpoints: [
    {
      addresses: ['10.0.0.5'],
      conditions: { ready: true, serving: true, terminating: false },
      targetRef: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: 'u-1' },
      nodeName: 'worker-1',
      zone: 'zone-a',
    },
    { addresses: ['10.0.0.6'], conditions: { ready: false, serving: true, terminating: true } },
  ],
  ports: [{ name: '', protocol: 'TCP', port: 8080 }],
};

const replicaSet = envelope(
  'apps/v1',
  'ReplicaSet',
  msg(
    1,
    str(1, 'web-5d4f'),
    str(3, 'default'),
    msg(8),
    msg(13, str(5, 'apps/v1'), str(1, 'Deployment'), str(3, 'web'), str(4, 'u-d'), bool(6, true), bool(7, true)),
  ),
  msg(
    2,
    int(1, 3),
    int(4, 0),
    msg(2, strMap(1, { app: 'web' })),
    msg(3, msg(1, msg(8), strMap(11, { app: 'web' })), msg(2, msg(2, str(1, 'nginx'), str(2, 'nginx')))),
  ),
  msg(3, int(1, 0), int(2, 0), int(3, 1)),
);

const replicaSetJson = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name: 'web-5d4f',
    namespace: 'default',
    creationTimestamp: null,
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'web',
        uid: 'u-d',
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
  },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { creationTimestamp: null, labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
    },
  },
  status: { replicas: 0, observedGeneration: 1 },
};

// ReplicationControllerSpec {1 replicas, 2 selector map, 3 template, 4 minReadySeconds}; its status as a ReplicaSet's.
const replicationController = envelope(
  'v1',
  'ReplicationController',
  meta('legacy', 'default'),
  msg(
    2,
    int(1, 2),
    strMap(2, { app: 'legacy' }),
    msg(3, msg(1, msg(8), strMap(11, { app: 'legacy' })), msg(2, msg(2, str(1, 'c'), str(2, 'busybox')))),
    int(4, 5),
  ),
  msg(3, int(1, 0), int(2, 0), int(3, 1), int(4, 0), int(5, 0)),
);

const replicationControllerJson = {
  apiVersion: 'v1',
  kind: 'ReplicationController',
  metadata: { name: 'legacy', namespace: 'default', creationTimestamp: null },
  spec: {
    replicas: 2,
    selector: { app: 'legacy' },
    minReadySeconds: 5,
    template: {
      metadata: { creationTimestamp: null, labels: { app: 'legacy' } },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
    },
  },
  status: { replicas: 0, observedGeneration: 1 },
};

const scale = envelope(
  'autoscaling/v1',
  'Scale',
  meta('web', 'default'),
  msg(2, int(1, 5)),
  msg(3, int(1, 3), str(2, 'app=web')),
);

const scaleJson = {
  apiVersion: 'autoscaling/v1',
  kind: 'Scale',
  metadata: { name: 'web', namespace: 'default', creationTimestamp: null },
  spec: { replicas: 5 },
  status: { replicas: 3, selector: 'app=web' },
};

// DeleteOptions {1 gracePeriodSeconds, 2 preconditions {1 uid, 2 resourceVersion}, 4 propagationPolicy, 5 dryRun}.
const deleteOptions = (apiVersion: string) =>
  envelope(apiVersion, 'DeleteOptions', int(1, 0), msg(2, str(1, 'u-1')), str(4, 'Foreground'), str(5, 'All'));

const deleteOptionsJson = (apiVersion: string) => ({
  apiVersion,
  kind: 'DeleteOptions',
  gracePeriodSeconds: 0,
  preconditions: { uid: 'u-1' },
  propagationPolicy: 'Foreground',
  dryRun: ['All'],
});

const eviction = envelope('policy/v1', 'Eviction', meta('web-0', 'default'), msg(2, int(1, 30)));

const evictionJson = {
  apiVersion: 'policy/v1',
  kind: 'Eviction',
  metadata: { name: 'web-0', namespace: 'default', creationTimestamp: null },
  deleteOptions: { gracePeriodSeconds: 30 },
};

// Binding {1 metadata, 2 target}; ObjectReference {1 kind, 2 namespace, 3 name, 4 uid, 5 apiVersion,
// 6 resourceVersion, 7 fieldPath}: what a scheduler POSTs to pods/binding.
const binding = envelope(
  'v1',
  'Binding',
  meta('web-0', 'default'),
  msg(2, str(1, 'Node'), str(2, ''), str(3, 'worker-1'), str(4, ''), str(5, ''), str(6, ''), str(7, '')),
);

const bindingJson = {
  apiVersion: 'v1',
  kind: 'Binding',
  metadata: { name: 'web-0', namespace: 'default', creationTimestamp: null },
  target: { kind: 'Node', name: 'worker-1' },
};

describe('hand-encoded kinds', () => {
  it.each([
    { kind: 'Pod', body: pod, expected: podJson },
    { kind: 'Node', body: node, expected: nodeJson },
    { kind: 'Service', body: service, expected: serviceJson },
    { kind: 'Endpoints', body: endpoints, expected: endpointsJson },
    { kind: 'Event (v1)', body: coreEvent, expected: coreEventJson },
    { kind: 'Event (events.k8s.io/v1)', body: eventsEvent, expected: eventsEventJson },
    { kind: 'Lease', body: lease, expected: leaseJson },
    { kind: 'EndpointSlice', body: endpointSlice, expected: endpointSliceJson },
    { kind: 'ReplicaSet', body: replicaSet, expected: replicaSetJson },
    { kind: 'ReplicationController', body: replicationController, expected: replicationControllerJson },
    { kind: 'Scale', body: scale, expected: scaleJson },
    { kind: 'DeleteOptions (v1)', body: deleteOptions('v1'), expected: deleteOptionsJson('v1') },
    {
      kind: 'DeleteOptions (meta.k8s.io/v1)',
      body: deleteOptions('meta.k8s.io/v1'),
      expected: deleteOptionsJson('meta.k8s.io/v1'),
    },
    { kind: 'DeleteOptions (apps/v1)', body: deleteOptions('apps/v1'), expected: deleteOptionsJson('apps/v1') },
    { kind: 'Eviction', body: eviction, expected: evictionJson },
    { kind: 'Binding', body: binding, expected: bindingJson },
  ])('$kind', ({ body, expected }) => {
    expect(decodeProtobufObject(body)).toEqual(expected);
  });
});
