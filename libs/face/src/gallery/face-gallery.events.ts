import { Injectable } from '@nestjs/common';
import { JsonLogger } from '#core';

/** Why a delegate's descriptors changed: `removed` must take effect at once (withdrawal, deletion). */
export interface FaceGalleryChange {
  delegateId: string;
  kind: 'enrolled' | 'removed';
}

type Listener = (change: FaceGalleryChange) => void;

/**
 * In-process invalidation of the matcher caches. Emitted after the change is committed. Kept to this one small
 * class so that a multi-instance deployment can publish the same change over Redis pub/sub and call `emit` on
 * every instance.
 */
@Injectable()
export class FaceGalleryEvents {
  private readonly listeners = new Set<Listener>();

  constructor(private readonly logger: JsonLogger) {}

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  emit(change: FaceGalleryChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (err: unknown) {
        this.logger.write('error', 'face gallery listener failed', { delegateId: change.delegateId, error: err instanceof Error ? err.stack : String(err) });
      }
    }
  }
}
