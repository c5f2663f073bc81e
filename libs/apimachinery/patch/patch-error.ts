// The Status errors kube-apiserver answers for patches it cannot apply.
import { StatusError } from '../status-error';

/**
 * A 422 as apierrors.NewGenericServerResponse builds it: the cause is dropped and a fixed
 * sentence sent, which is what kubectl shows for a failed JSON patch `test`.
 */
export const patchUnprocessable = (): StatusError =>
  new StatusError(422, 'Invalid', 'the server rejected our request due to an error in our request', {});

/** A 422 for a patched document that no longer decodes, as the patch handler reports it. */
export const patchResultInvalid = (patched: unknown, detail: string): StatusError =>
  new StatusError(
    422,
    'Invalid',
    ` "" is invalid: patch: Invalid value: ${JSON.stringify(JSON.stringify(patched))}: ${detail}`,
    {
      causes: [
        {
          reason: 'FieldValueInvalid',
          message: `Invalid value: ${JSON.stringify(JSON.stringify(patched))}: ${detail}`,
          field: 'patch',
        },
      ],
    },
  );
