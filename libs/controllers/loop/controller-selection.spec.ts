import { ControllerSelection } from './controller-selection';

describe('ControllerSelection', () => {
  it.each([
    { list: '*', loop: 'replicaset', runs: true },
    { list: '*,-replicaset', loop: 'replicaset', runs: false },
    { list: '*,-replicaset-controller', loop: 'replicaset', runs: false },
    { list: '-replicaset,*', loop: 'replicaset', runs: false },
    { list: 'replicaset', loop: 'replicaset', runs: true },
    { list: 'replicaset', loop: 'namespace', runs: false },
    { list: '', loop: 'namespace', runs: false },
    { list: '*, -job', loop: 'namespace', runs: true },
    { list: '*,-csrsigning', loop: 'certificate', runs: true },
    { list: '*,-csrsigning,-csrapproving', loop: 'certificate', runs: false },
    { list: 'csrapproving', loop: 'certificate', runs: true },
    { list: '*,-root-ca-certificate-publisher', loop: 'root-ca-cert-publisher', runs: false },
    { list: '*,-endpoint', loop: 'endpoints-controller', runs: false },
    { list: '-namespace', loop: 'a-loop-kube-has-not', runs: true },
  ])('$list runs $loop: $runs', ({ list, loop, runs }) => {
    expect(ControllerSelection.parse(list).runsLoop(loop)).toBe(runs);
  });

  it.each([
    { list: '*', name: 'bootstrapsigner', on: false },
    { list: '*,bootstrapsigner', name: 'bootstrap-signer-controller', on: true },
    { list: '*', name: 'tokencleaner', on: false },
    { list: '*', name: 'garbagecollector', on: true },
  ])('$list turns $name on: $on (kube leaves some off by default)', ({ list, name, on }) => {
    expect(ControllerSelection.parse(list).enabled(name)).toBe(on);
  });

  it.each([
    { list: '*,-jobs', message: 'unknown controller "-jobs"' },
    { list: 'replicasets,namespaces', message: 'unknown controller "replicasets", "namespaces"' },
    { list: '**', message: 'unknown controller "**"' },
  ])('refuses $list', ({ list, message }) => {
    expect(() => ControllerSelection.parse(list)).toThrow(message);
  });
});
