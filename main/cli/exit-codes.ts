/** Exit codes of SPEC.md: 0 every run ended (finished or diverged), 2 an invalid experiment file, 1 anything else. */
export const EXIT_OK = 0;
export const EXIT_OTHER = 1;
export const EXIT_INVALID = 2;
