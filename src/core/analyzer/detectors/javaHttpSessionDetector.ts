// session-store-in-memory (information) for Java: a controller or servlet that writes to the container's HttpSession
// (`session.setAttribute(...)`, `request.getSession().setAttribute(...)`, or `@SessionAttributes`) in a file that shows
// no Spring Session. Tomcat and Jetty keep HttpSession in the instance's memory unless Spring Session or a session
// manager is configured, and a single file cannot show the build or application.properties, so this is deliberately
// conservative: only controller and servlet classes, one finding per class, severity information, and any sign of
// Spring Session in the file (an `org.springframework.session` import, an `@Enable…HttpSession` annotation, or a
// package named for a Spring Session store such as `…spring.session.redis…`, the module's own statement of where its
// sessions live) stands the whole file down. Test sources stand down too.

import * as l10n from '@vscode/l10n';
import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding } from '../types';
import { collect, makeFinding, namedChildren } from '../syntax/tree';
import { JAVA_SYNTAX, javaAnnotationNames, javaAnnotations, javaMethodsOf, javaSuperTypeNames, lastSegment } from '../syntax/javaSyntax';

const SPRING_SESSION_ANNOTATION = /^Enable\w*(HttpSession|WebSession)$/;
const CONTROLLER_ANNOTATIONS = new Set(['Controller', 'RestController']);
const SERVLET_SUPERTYPES = new Set(['HttpServlet', 'GenericServlet']);
const NOTE = 'externalize-sessions-java#tomcat-and-plain-servlets';

/** Java container HttpSession without Spring Session (rule session-store-in-memory, severity information). */
export const javaHttpSessionDetector: Detector = {
  id: 'java-http-session',
  languages: ['java'],
  prefilter(text: string): boolean {
    return /\.setAttribute\s*\(|@SessionAttributes\b/.test(text);
  },
  detect(context: DetectorContext): Finding[] {
    const root = context.root;
    if (JAVA_SYNTAX.isTestSource(root) || usesSpringSession(root)) {
      return [];
    }
    const findings: Finding[] = [];
    for (const classNode of collect(root, ['class_declaration'])) {
      if (context.isCancelled()) {
        break;
      }
      const finding = firstSessionWrite(classNode);
      if (finding) {
        findings.push(finding);
      }
    }
    return findings;
  },
};

/** A package path naming Spring Session and one of its external stores (`com.acme.spring.session.redis`). */
const SPRING_SESSION_PACKAGE = /\bsession\b.*\b(redis|jdbc|hazelcast|mongo|mongodb)\b|\b(redis|jdbc|hazelcast|mongo|mongodb)\b.*\bsession\b/i;

function usesSpringSession(root: Node): boolean {
  const packageName = namedChildren(root).find((node) => node.type === 'package_declaration')?.text ?? '';
  if (/\bspring\b/i.test(packageName) && SPRING_SESSION_PACKAGE.test(packageName.replace(/[._]/g, ' '))) {
    return true;
  }
  const imports = namedChildren(root).filter((node) => node.type === 'import_declaration');
  if (imports.some((node) => /^import\s+(static\s+)?org\.springframework\.session\b/.test(node.text))) {
    return true;
  }
  return collect(root, ['marker_annotation', 'annotation']).some((annotation) => {
    const name = annotation.childForFieldName('name');
    return name !== null && SPRING_SESSION_ANNOTATION.test(lastSegment(name.text));
  });
}

function firstSessionWrite(classNode: Node): Finding | undefined {
  const isController = javaAnnotationNames(classNode).some((name) => CONTROLLER_ANNOTATIONS.has(name));
  const isServlet = javaSuperTypeNames(classNode).some((name) => SERVLET_SUPERTYPES.has(name));
  if (!isController && !isServlet) {
    return undefined;
  }
  const sessionAttributes = javaAnnotations(classNode).find((annotation) => lastSegment(annotation.childForFieldName('name')?.text ?? '') === 'SessionAttributes');
  const body = classNode.childForFieldName('body');
  const sessionFields = httpSessionNames(body ? namedChildren(body).filter((member) => member.type === 'field_declaration') : []);
  let first: Node | undefined;
  for (const method of javaMethodsOf(classNode)) {
    const sessionNames = new Set([...sessionFields, ...httpSessionNames(collect(method, ['formal_parameter', 'local_variable_declaration']))]);
    for (const call of collect(method, ['method_invocation'])) {
      if (call.childForFieldName('name')?.text !== 'setAttribute') {
        continue;
      }
      const object = call.childForFieldName('object');
      const isSession =
        (object?.type === 'method_invocation' && object.childForFieldName('name')?.text === 'getSession') ||
        (object?.type === 'identifier' && sessionNames.has(object.text));
      if (isSession && (!first || call.startIndex < first.startIndex)) {
        first = call;
      }
    }
  }
  if (sessionAttributes && (!first || sessionAttributes.startIndex < first.startIndex)) {
    return makeFinding('session-store-in-memory', sessionAttributes, {
      severity: 'information',
      title: httpSessionTitle(),
      message: l10n.t("@SessionAttributes keeps model attributes in the servlet container's HttpSession, which Tomcat and Jetty hold in this instance's memory by default; this file shows no Spring Session, so unless it is configured elsewhere the data is lost on restart and needs sticky routing."),
      note: NOTE,
      framework: 'Spring MVC @SessionAttributes',
    });
  }
  if (!first) {
    return undefined;
  }
  return makeFinding('session-store-in-memory', first, {
    severity: 'information',
    title: httpSessionTitle(),
    message: l10n.t({
      message: "{0}.setAttribute(...) stores state in the servlet container's HttpSession, which Tomcat and Jetty hold in this instance's memory by default; this file shows no Spring Session, so unless it is configured elsewhere sessions are lost on restart and need sticky routing.",
      args: [first.childForFieldName('object')?.text ?? 'session'],
      comment: ['{0} is Java code: the expression setAttribute is called on, e.g. session or request.getSession()'],
    }),
    note: NOTE,
    framework: isServlet ? 'Servlet HttpSession' : 'Spring MVC HttpSession',
  });
}

/** The CodeLens title of this detector's findings (more precise than the rule's: the container may be configured elsewhere). */
function httpSessionTitle(): string {
  return l10n.t('HttpSession in container memory unless Spring Session is set up');
}

/** Names declared with type HttpSession by parameter, local or field declarations. */
function httpSessionNames(declarations: readonly Node[]): Set<string> {
  const names = new Set<string>();
  for (const declaration of declarations) {
    if (lastSegment(declaration.childForFieldName('type')?.text ?? '') !== 'HttpSession') {
      continue;
    }
    if (declaration.type === 'formal_parameter') {
      const name = declaration.childForFieldName('name');
      if (name) {
        names.add(name.text);
      }
      continue;
    }
    for (const declarator of declaration.childrenForFieldName('declarator')) {
      const name = declarator?.childForFieldName('name');
      if (name) {
        names.add(name.text);
      }
    }
  }
  return names;
}
