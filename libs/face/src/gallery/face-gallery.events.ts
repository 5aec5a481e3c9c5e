import { Injectable } from '@nestjs/common';
import { JsonLogger } from '#core';
import { RealtimeService } from '#realtime';

/** Why a delegate's descriptors changed: `removed` must take effect at once (withdrawal, deletion). */
export interface FaceGalleryChange {
  delegateId: string;
  kind: 'enrolled' | 'removed';
}

type Listener = (change: FaceGalleryChange) => void;

const INSTANCE_EVENT = 'face:gallery-changed';

function isChange(p: unknown): p is FaceGalleryChange {
  const c = p as Partial<FaceGalleryChange> | null;
  return typeof c?.delegateId === 'string' && (c.kind === 'enrolled' || c.kind === 'removed');
}

/**
 * Invalidation of the matcher caches, emitted after the change is committed: to this instance's listeners and,
 * through the socket.io Redis adapter, to every other instance's (a withdrawal must stop matches everywhere).
 */
@Injectable()
export class FaceGalleryEvents {
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly logger: JsonLogger,
    private readonly realtime: RealtimeService,
  ) {
    this.realtime.onInstanceEvent(INSTANCE_EVENT, (payload) => {
      if (isChange(payload)) this.deliver(payload);
    });
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  emit(change: FaceGalleryChange): void {
    this.deliver(change);
    this.realtime.toOtherInstances(INSTANCE_EVENT, change);
  }

  private deliver(change: FaceGalleryChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (err: unknown) {
        this.logger.write('error', 'face gallery listener failed', { delegateId: change.delegateId, error: err instanceof Error ? err.stack : String(err) });
      }
    }
  }
}
