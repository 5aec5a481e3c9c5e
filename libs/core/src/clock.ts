import { Injectable } from '@nestjs/common';

/** The time source for deadlines and countdowns; tests move it instead of waiting. */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Test hook: shifts every later now() by this much. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
