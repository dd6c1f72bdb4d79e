// Practice defaults the settings need at activation, apart from the scheduler (which carries ts-fsrs and loads later).

/**
 * New cards introduced per day unless the user says otherwise (`statecraft.practice.newCardsPerDay`): a first
 * session shows a handful, not every question of every note at once (Anki's default is 20; the notes hold ~100).
 */
export const DEFAULT_NEW_CARDS_PER_DAY = 10;
