// The objects and arrays one protobuf body decodes into, counted as they are made: a body past
// MAX_BODY_COLLECTIONS is refused as a JSON body is, before decoding the rest of it (3 MB of empty
// repeated messages made 1.5 million objects in 670 ms).
import { MAX_BODY_COLLECTIONS, tooManyCollections } from '../body-shape';

export class CollectionCount {
  private made = 0;

  add(collections = 1): void {
    this.made += collections;
    if (this.made > MAX_BODY_COLLECTIONS) throw tooManyCollections();
  }
}
