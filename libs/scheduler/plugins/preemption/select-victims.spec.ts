import { CycleState, StatusCode } from '../../framework';
import { ExtensionCalls, makeNode, makePod, newFakeHandle, PodOptions, T0 } from './preemption.fixtures';
import { selectVictimsOnNode } from './select-victims';

type Existing = [name: string, options: PodOptions];

describe('selectVictimsOnNode', () => {
  it.each<{
    name: string;
    cpu: string;
    existing: Existing[];
    preemptor: PodOptions;
    want: { code: StatusCode; victims?: string[]; reasons?: string[] };
  }>([
    {
      name: 'one low pod is enough: the lowest priority goes',
      cpu: '3',
      existing: [
        ['p1', { priority: 1, requests: { cpu: '1' } }],
        ['p2', { priority: 2, requests: { cpu: '1' } }],
        ['p3', { priority: 3, requests: { cpu: '1' } }],
      ],
      preemptor: { priority: 10, requests: { cpu: '1' } },
      want: { code: 'Success', victims: ['p1'] },
    },
    {
      name: 'several victims, most important first',
      cpu: '4',
      existing: [
        ['p1', { priority: 1, requests: { cpu: '1' } }],
        ['p2', { priority: 2, requests: { cpu: '1' } }],
        ['p3', { priority: 3, requests: { cpu: '1' } }],
        ['p4', { priority: 4, requests: { cpu: '1' } }],
      ],
      preemptor: { priority: 10, requests: { cpu: '3' } },
      want: { code: 'Success', victims: ['p3', 'p2', 'p1'] },
    },
    {
      name: 'the reprieve keeps the higher-priority pod even when evicting it alone would do',
      cpu: '4',
      existing: [
        ['high', { priority: 5, requests: { cpu: '2' } }],
        ['low-a', { priority: 1, requests: { cpu: '1' } }],
        ['low-b', { priority: 1, requests: { cpu: '1' } }],
      ],
      preemptor: { priority: 10, requests: { cpu: '2' } },
      want: { code: 'Success', victims: ['low-a', 'low-b'] },
    },
    {
      name: 'at equal priority the pod running longer is reprieved first',
      cpu: '2',
      existing: [
        ['young', { priority: 1, requests: { cpu: '1' }, startedAt: 30 }],
        ['old', { priority: 1, requests: { cpu: '1' }, startedAt: 0 }],
      ],
      preemptor: { priority: 10, requests: { cpu: '1' } },
      want: { code: 'Success', victims: ['young'] },
    },
    {
      name: 'a pod not started yet counts as the youngest',
      cpu: '2',
      existing: [
        ['pending', { priority: 1, requests: { cpu: '1' } }],
        ['old', { priority: 1, requests: { cpu: '1' }, startedAt: 0 }],
      ],
      preemptor: { priority: 10, requests: { cpu: '1' } },
      want: { code: 'Success', victims: ['pending'] },
    },
    {
      name: 'pods of equal or higher priority are never victims',
      cpu: '2',
      existing: [
        ['same', { priority: 10, requests: { cpu: '1' } }],
        ['higher', { priority: 20, requests: { cpu: '1' } }],
      ],
      preemptor: { priority: 10, requests: { cpu: '1' } },
      want: { code: 'UnschedulableAndUnresolvable', reasons: ['No preemption victims found for incoming pod'] },
    },
    {
      name: 'an unset priority is 0: a pod of priority 0 has no victims among such pods',
      cpu: '1',
      existing: [['unset', { requests: { cpu: '1' } }]],
      preemptor: { requests: { cpu: '1' } },
      want: { code: 'UnschedulableAndUnresolvable', reasons: ['No preemption victims found for incoming pod'] },
    },
    {
      name: 'a negative priority is below an unset one',
      cpu: '1',
      existing: [['negative', { priority: -5, requests: { cpu: '1' } }]],
      preemptor: { requests: { cpu: '1' } },
      want: { code: 'Success', victims: ['negative'] },
    },
    {
      name: 'no fit even with every lower pod gone: the filter says why',
      cpu: '2',
      existing: [
        ['higher', { priority: 20, requests: { cpu: '2' } }],
        ['low', { priority: 1, requests: { cpu: '100m' } }],
      ],
      preemptor: { priority: 10, requests: { cpu: '1' } },
      want: { code: 'Unschedulable', reasons: ['Insufficient cpu'] },
    },
  ])('$name', ({ cpu, existing, preemptor, want }) => {
    const node = makeNode('n1', { cpu });
    const pods = existing.map(([name, o]) => makePod(name, { nodeName: 'n1', ...o }));
    const handle = newFakeHandle({ nodes: [node], pods });
    const got = selectVictimsOnNode(
      handle,
      new CycleState(),
      makePod('preemptor', preemptor),
      handle.snapshot().get('n1')!.clone(),
      T0 + 3_600_000,
    );
    expect(got.status.code).toBe(want.code);
    expect(got.victims.map((v) => v.metadata.name)).toEqual(want.victims ?? []);
    if (want.reasons) expect(got.status.reasons).toEqual(want.reasons);
    expect(got.numPDBViolations).toBe(0);
  });

  it('keeps the pre-filter state in step: every removal and re-addition goes through the extensions', () => {
    const pods = [
      makePod('p1', { nodeName: 'n1', priority: 1, requests: { cpu: '1' } }),
      makePod('p2', { nodeName: 'n1', priority: 2, requests: { cpu: '1' } }),
    ];
    const handle = newFakeHandle({ nodes: [makeNode('n1', { cpu: '2' })], pods });
    const state = new CycleState();
    const nodeInfo = handle.snapshot().get('n1')!.clone();
    const got = selectVictimsOnNode(handle, state, makePod('x', { priority: 9, requests: { cpu: '1' } }), nodeInfo, T0);
    expect(got.victims.map((v) => v.metadata.name)).toEqual(['p1']);
    expect(state.read<ExtensionCalls>(ExtensionCalls.KEY)!.calls).toEqual([
      'remove p1 on n1',
      'remove p2 on n1',
      'add p2 on n1',
      'add p1 on n1',
      'remove p1 on n1',
    ]);
    expect(nodeInfo.pods.map((p) => p.pod.metadata.name)).toEqual(['p2']);
    expect(handle.snapshot().get('n1')!.pods).toHaveLength(2);
  });

  it("turns a failing extension into the dry run's error", () => {
    const pods = [makePod('p1', { nodeName: 'n1', priority: 1, requests: { cpu: '1' } })];
    const handle = newFakeHandle({ nodes: [makeNode('n1', { cpu: '1' })], pods });
    handle.failExtension({ code: 'Error', reasons: ['state is gone'], error: new Error('state is gone') });
    const got = selectVictimsOnNode(
      handle,
      new CycleState(),
      makePod('x', { priority: 9, requests: { cpu: '1' } }),
      handle.snapshot().get('n1')!.clone(),
      T0,
    );
    expect(got.status).toMatchObject({ code: 'Error', reasons: ['state is gone'] });
    expect(got.victims).toEqual([]);
  });
});
