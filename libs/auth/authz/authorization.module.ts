// Provides the Authorizer in force under the AUTHORIZER token: the Node authorizer (over the graph
// of pods bound to nodes), the default policy (bootstrap tokens, anonymous discovery), then
// system:masters and the public paths.
import { DynamicModule, Module } from '@nestjs/common';
import { AUTHORIZER } from './authorizer';
import { BootstrapAuthorizer } from './bootstrap-authorizer';
import { defaultPolicy } from './default-policy';
import { NodeAuthorizer } from './node-authorizer';
import { NodeGraphView } from './node-graph';
import { PolicyAuthorizer } from './policy-authorizer';
import { UnionAuthorizer } from './union-authorizer';

export const clusterAuthorizer = (nodeGraph: NodeGraphView): UnionAuthorizer =>
  new UnionAuthorizer([new NodeAuthorizer(nodeGraph), new PolicyAuthorizer(defaultPolicy), new BootstrapAuthorizer()]);

@Module({})
export class AuthorizationModule {
  static forRoot(nodeGraph: NodeGraphView): DynamicModule {
    return {
      module: AuthorizationModule,
      global: true,
      providers: [{ provide: AUTHORIZER, useValue: clusterAuthorizer(nodeGraph) }],
      exports: [AUTHORIZER],
    };
  }
}
