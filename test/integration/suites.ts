// Every in-host suite, imported in a fixed order (no globbing inside the extension host). deactivate runs last.
import './activation.test';
import './notes.test';
import './wizard.test';
import './hints.test';
import './analysisWorker.test';
import './workspaceAudit.test';
import './deactivate.test';
