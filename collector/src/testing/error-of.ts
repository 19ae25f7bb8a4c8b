/** The `{ error: { code, message } }` body every collector error answers with, read from a response. */
export const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;
