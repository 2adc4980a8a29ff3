/**
 * Bad usage or unreadable input for `tsunagi review`: printed as one clear message, exit 2,
 * never a stack trace.
 */
export class ReviewInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewInputError';
  }
}
