import { Component } from 'react';
import type { ReactNode } from 'react';

/** Props of {@link PreviewErrorBoundary}. */
export interface PreviewErrorBoundaryProps {
  children: ReactNode;
  /** Shown instead of the preview when rendering it failed. */
  fallback: (message: string) => ReactNode;
}

/**
 * Keeps a preview that cannot render (e.g. a read-only form the task form does not support)
 * from taking the whole builder down with it. Give it a new `key` when the form changes.
 */
export class PreviewErrorBoundary extends Component<PreviewErrorBoundaryProps, { message: string | undefined }> {
  override state: { message: string | undefined } = { message: undefined };

  static getDerivedStateFromError(error: unknown): { message: string } {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  override render(): ReactNode {
    return this.state.message === undefined ? this.props.children : this.props.fallback(this.state.message);
  }
}
