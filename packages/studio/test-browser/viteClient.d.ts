// The pages under test import stylesheets (React Flow's, the diagram's), which Vite bundles.
/// <reference types="vite/client" />
