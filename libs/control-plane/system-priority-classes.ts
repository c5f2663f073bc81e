// The two system PriorityClasses every cluster has, created when missing through a client (as
// kube-apiserver's scheduling bootstrap hook creates them with its loopback client); an existing
// class is left as it is.
import { systemPriorityClasses } from '@kubenest/api/scheduling';
import { StatusError } from '@kubenest/apimachinery';
import { ResourceClient, resources } from '@kubenest/client';

export const ensureSystemPriorityClasses = async (client: ResourceClient): Promise<void> => {
  const priorityClasses = client.resource(resources.priorityClasses);
  for (const pc of systemPriorityClasses()) {
    try {
      await priorityClasses.create(pc);
    } catch (e) {
      // Created on an earlier start, or by another apiserver starting at the same time.
      if (!(StatusError.is(e) && e.reason === 'AlreadyExists')) throw e;
    }
  }
};
