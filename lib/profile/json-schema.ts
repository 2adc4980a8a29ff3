/** JSON Schema of the profile (the input shape: fields with defaults are optional). */
import { z } from 'zod';
import { profileSchema } from './schema';

export function profileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(profileSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://tsunagi.example/profile.schema.json',
    title: 'Tsunagi organisation profile',
  };
}
