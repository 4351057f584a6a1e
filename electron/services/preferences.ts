import type { Language, Preferences } from '../contract';
import type { EventBus } from '../event-bus';

/** Language and large-text mode of the current visitor; back to the site default on reset. */
export class PreferencesService {
  private current: Preferences;

  constructor(
    private defaults: Preferences,
    private readonly bus: EventBus,
  ) {
    this.current = { ...defaults };
  }

  get(): Preferences {
    return { ...this.current };
  }

  set(change: { language?: Language | undefined; largeText?: boolean | undefined }): Preferences {
    const next: Preferences = {
      language: change.language ?? this.current.language,
      largeText: change.largeText ?? this.current.largeText,
    };
    if (next.language !== this.current.language || next.largeText !== this.current.largeText) {
      this.current = next;
      this.bus.emit('prefs.changed', this.get());
    }
    return this.get();
  }

  /** The site default changed (attendant local settings): used from the next visit on. */
  setDefaults(defaults: Preferences): void {
    this.defaults = { ...defaults };
  }

  /** Called when a visit ends: the next citizen starts with the site's defaults. */
  reset(): void {
    this.set(this.defaults);
  }
}
