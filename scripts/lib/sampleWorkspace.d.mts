export function freshSampleWorkspace(name: string): string;
