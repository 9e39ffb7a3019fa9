/** The messages a rejected Payload operation gives the person: field errors where there are any. */
export async function rejectionOf(operation: Promise<unknown>): Promise<{ status: number; messages: string }> {
  try {
    await operation
  } catch (error) {
    const e = error as { status?: number; message: string; data?: { errors?: Array<{ message: string }> } }
    const fieldMessages = e.data?.errors?.map((entry) => entry.message) ?? []
    return { status: e.status ?? 500, messages: [e.message, ...fieldMessages].join(' | ') }
  }
  throw new Error('Expected the operation to be rejected, but it succeeded')
}
