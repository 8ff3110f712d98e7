import type { FormField } from './model.js';

/** The JSON Schema `type` a field's value has. */
export function jsonTypeOfField(field: FormField): 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' {
  switch (field.type) {
    case 'integer':
      return 'integer';
    case 'number':
    case 'money':
      return 'number';
    case 'select':
    case 'computed':
      return field.options.valueType;
    case 'boolean':
      return 'boolean';
    case 'multiselect':
    case 'list':
      return 'array';
    case 'geo':
    case 'group':
      return 'object';
    default:
      return 'string';
  }
}
