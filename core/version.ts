/** The lab's version, recorded on every run (a test keeps it equal to package.json's). */
export const LAB_VERSION = '0.1.0';
