package dev.mvmqtt.tck;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A source scan of the conformance tests for the rules their assertions name as values ({@link RuleCheck}): every
 * string literal that is exactly a catalogue-style id ({@code "PUB-OK-1"}, as given to {@code rule(...)}, to
 * {@code rules(...)} or to a helper that takes the rule) is a rule the enclosing method names.
 *
 * <p>A test method (annotated {@code @TargetTest}, {@code @DeviceTest}, {@code @Test}, {@code @Property} or
 * {@code @Example}) names the ids in its own body and in the bodies of the helpers it calls, transitively: an
 * unqualified call or a {@code Type.method(...)} call of a scanned class, a call {@code object.method(...)} of any
 * scanned method of that name, and {@code new Type(...)}. The scan reports:
 * <ul>
 *   <li>a test that names an id its {@link Asserts} (on the method, else on its class or an enclosing class) lacks;</li>
 *   <li>a method of a class carrying {@code @Asserts} that names an id the class's {@code @Asserts} lacks (model
 *       actions and other helpers no test calls by name);</li>
 *   <li>an id named anywhere that the catalogue does not have;</li>
 *   <li>a string that starts with an id ({@code "PUB-OK-1: ..."}): a rule named in text, which decides nothing.</li>
 * </ul>
 * Java is read with brace matching, strings and comments blanked first; it is a source scan, not a compiler, and it
 * resolves calls by name, so it may see more than runs (never less within the scanned sources).
 */
final class RuleNamesScan {
    static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\\d+");
    private static final Pattern ID_IN_TEXT = Pattern.compile("^" + ID.pattern() + "(?:[:/,]| \\(|$)");
    private static final Pattern TEST_ANNOTATION =
            Pattern.compile("@(?:TargetTest|DeviceTest|Test|Property|Example)\\b");
    private static final Pattern ASSERTS = Pattern.compile("@Asserts\\s*\\(([^)]*)\\)");
    private static final Pattern TYPE_HEADER = Pattern.compile("\\b(?:class|interface|enum|record)\\s+(\\w+)");
    private static final Pattern METHOD_HEADER =
            Pattern.compile("(\\w+)\\s*\\([^{}]*\\)\\s*(?:throws\\s+[\\w.,\\s]+)?$");
    private static final Pattern ANNOTATION = Pattern.compile("@[\\w.]+");
    private static final Pattern STATIC_IMPORT = Pattern.compile("import\\s+static\\s+[\\w.]*\\.(\\w+)\\.(\\w+)\\s*;");
    private static final Pattern CALL = Pattern.compile("(?<![\\w])(\\w+)\\s*\\(");

    /** One method body: where it is, the ids it names directly, what it calls. */
    private record Method(
            String file,
            String type,
            String name,
            boolean test,
            List<String> ids,
            List<String> classIds,
            Set<String> named,
            List<Call> calls) {
        String where() {
            return type + "#" + name;
        }
    }

    /** A call: {@code qualifier} is a type (capitalised), an object, or null for an unqualified call. */
    private record Call(String qualifier, String name, boolean constructor) {}

    /** A string literal: its text and where it starts in the source. */
    private record Literal(int at, String text) {}

    private final List<Method> methods = new ArrayList<>();
    private final Map<String, Map<String, String>> staticImports = new HashMap<>();
    private final Map<String, List<Literal>> literals = new TreeMap<>();
    private final Set<String> testTypes = new HashSet<>();
    private final Map<String, List<Method>> byName = new HashMap<>();

    private RuleNamesScan(Map<String, String> sources) {
        for (Map.Entry<String, String> source : sources.entrySet()) {
            String file = source.getKey();
            String text = source.getValue();
            List<Literal> found = new ArrayList<>();
            String blanked = blank(text, found);
            literals.put(file, found);
            Map<String, String> imports = new HashMap<>();
            Matcher imp = STATIC_IMPORT.matcher(text);
            while (imp.find()) {
                imports.put(imp.group(2), imp.group(1));
            }
            staticImports.put(file, imports);
            methods.addAll(outline(file, text, blanked, found));
        }
        methods.stream().filter(Method::test).forEach(m -> testTypes.add(m.file()));
        methods.forEach(
                m -> byName.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m));
    }

    /** Scans {@code sources}: file name (for example {@code messaging/PublishTests.java}) to its text. */
    static RuleNamesScan of(Map<String, String> sources) {
        return new RuleNamesScan(sources);
    }

    /** Each test method ({@code Type#method}) with the ids it names, itself or through its helpers. */
    Map<String, Set<String>> namedByTest() {
        Map<String, Set<String>> named = new TreeMap<>();
        methods.stream()
                .filter(Method::test)
                .forEach(m ->
                        named.computeIfAbsent(m.where(), k -> new TreeSet<>()).addAll(reach(m).keySet()));
        return named;
    }

    /** The problems measured against the catalogue's {@code knownIds}; empty when every named rule is asserted and known. */
    List<String> problems(Set<String> knownIds) {
        List<String> problems = new ArrayList<>();
        literals.forEach((file, found) -> {
            for (Literal literal : found) {
                if (ID.matcher(literal.text()).matches()) {
                    if (!knownIds.contains(literal.text())) {
                        problems.add(file + ": names " + literal.text() + ", which the catalogue does not have");
                    }
                } else if (ID_IN_TEXT.matcher(literal.text()).find()) {
                    problems.add(file + ": \"" + abbreviate(literal.text()) + "\" names a rule in text, which decides"
                            + " nothing; name it as a value: rule(\"ID\", \"what\")");
                }
            }
        });
        for (Method m : methods) {
            if (m.test()) {
                List<String> allowed = m.ids() != null ? m.ids() : m.classIds();
                reach(m).forEach((id, via) -> {
                    if (allowed == null || !allowed.contains(id)) {
                        problems.add(m.file() + ": test " + m.where() + " names " + id
                                + (via.equals(m.where()) ? "" : " (in " + via + ")") + ", which its @Asserts "
                                + (allowed == null ? "(none)" : allowed) + " lacks");
                    }
                });
            } else if (m.classIds() != null) {
                for (String id : m.named()) {
                    if (!m.classIds().contains(id)) {
                        problems.add(m.file() + ": " + m.where() + " names " + id + ", which its class's @Asserts "
                                + m.classIds() + " lacks");
                    }
                }
            }
        }
        return problems.stream().distinct().sorted().toList();
    }

    /** Every id {@code start} names, itself or through what it calls, with the method that names it directly. */
    private Map<String, String> reach(Method start) {
        Map<String, String> named = new LinkedHashMap<>();
        Set<Method> seen = new HashSet<>();
        Deque<Method> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            Method m = todo.pop();
            if (!seen.add(m)) {
                continue;
            }
            new TreeSet<>(m.named()).forEach(id -> named.putIfAbsent(id, m.where()));
            for (Call call : m.calls()) {
                for (Method callee : byName.getOrDefault(call.name(), List.of())) {
                    if (resolves(call, m, callee)) {
                        todo.push(callee);
                    }
                }
            }
        }
        return named;
    }

    private boolean resolves(Call call, Method caller, Method callee) {
        Map<String, String> imports = staticImports.get(caller.file());
        if (call.constructor()) {
            return callee.name().equals(callee.type());
        }
        if (call.qualifier() == null) {
            String importedFrom = imports.get(call.name());
            return importedFrom != null
                    ? callee.type().equals(importedFrom)
                    : callee.file().equals(caller.file());
        }
        if (Character.isUpperCase(call.qualifier().charAt(0))) {
            return callee.type().equals(call.qualifier());
        }
        return !testTypes.contains(callee.file()); // an object's method: one of a helper class, not of a test class
    }

    /** The methods of one file, with their annotations' ids, the ids they name and the calls they make. */
    private static List<Method> outline(String file, String text, String blanked, List<Literal> literals) {
        record Frame(String kind, String name, List<String> ids, int start, boolean test) {}
        List<Method> methods = new ArrayList<>();
        Deque<Frame> stack = new ArrayDeque<>();
        int last = 0;
        for (int i = 0; i < blanked.length(); i++) {
            char c = blanked.charAt(i);
            if (c == '{') {
                String header = blanked.substring(last, i).strip();
                if (header.endsWith("(") || header.endsWith(",")) { // an annotation's array, as in @Asserts({...})
                    stack.push(new Frame("inline", null, null, i, false));
                    continue;
                }
                String headerText = text.substring(last, i);
                String blankHeader = blanked.substring(last, i);
                Frame parent = stack.peek();
                Matcher type = TYPE_HEADER.matcher(header);
                Matcher method = METHOD_HEADER.matcher(withoutAnnotations(header));
                if (type.find()
                        && !header.contains("new ")
                        && (parent == null || parent.kind().equals("class"))) {
                    stack.push(new Frame("class", type.group(1), assertsIds(blankHeader, headerText), i, false));
                } else if (parent != null
                        && parent.kind().equals("class")
                        && method.find()
                        && !header.contains("->")
                        && !header.endsWith("=")) {
                    stack.push(new Frame(
                            "method",
                            method.group(1),
                            assertsIds(blankHeader, headerText),
                            i,
                            TEST_ANNOTATION.matcher(blankHeader).find()));
                } else {
                    stack.push(new Frame("block", null, null, i, false));
                }
                last = i + 1;
            } else if (c == '}') {
                Frame frame = stack.pop();
                if (frame.kind().equals("inline")) {
                    continue;
                }
                if (frame.kind().equals("method")) {
                    List<String> classIds = null;
                    String typeName = null;
                    for (Frame f : stack) { // innermost first
                        if (f.kind().equals("class")) {
                            typeName = typeName == null ? f.name() : typeName;
                            if (classIds == null && f.ids() != null) {
                                classIds = f.ids();
                            }
                        }
                    }
                    int start = frame.start();
                    int end = i;
                    Set<String> named = new LinkedHashSet<>();
                    literals.stream()
                            .filter(l -> l.at() > start
                                    && l.at() < end
                                    && ID.matcher(l.text()).matches())
                            .forEach(l -> named.add(l.text()));
                    methods.add(new Method(
                            file,
                            typeName,
                            frame.name(),
                            frame.test(),
                            frame.ids(),
                            classIds,
                            named,
                            calls(blanked.substring(start, end))));
                }
                last = i + 1;
            } else if (c == ';') {
                last = i + 1;
            }
        }
        return methods;
    }

    private static List<Call> calls(String body) {
        List<Call> calls = new ArrayList<>();
        Matcher m = CALL.matcher(body);
        while (m.find()) {
            int before = m.start() - 1;
            while (before >= 0 && Character.isWhitespace(body.charAt(before))) {
                before--;
            }
            if (before >= 0 && body.charAt(before) == '.') {
                int end = before;
                while (end > 0 && Character.isWhitespace(body.charAt(end - 1))) {
                    end--;
                }
                int start = end;
                while (start > 0 && Character.isJavaIdentifierPart(body.charAt(start - 1))) {
                    start--;
                }
                // A chained call (a.b().c(...)) has no name before the dot: an object of unknown type.
                calls.add(new Call(start < end ? body.substring(start, end) : "?", m.group(1), false));
            } else {
                boolean constructor =
                        body.substring(0, m.start()).stripTrailing().endsWith("new")
                                && (before < 3 || !Character.isJavaIdentifierPart(body.charAt(before - 3)));
                calls.add(new Call(null, m.group(1), constructor));
            }
        }
        return calls;
    }

    /** A declaration's header without its annotations and their arguments, so that the method's name comes first. */
    private static String withoutAnnotations(String header) {
        StringBuilder out = new StringBuilder();
        Matcher a = ANNOTATION.matcher(header);
        int from = 0;
        while (a.find(from)) {
            out.append(header, from, a.start());
            int end = a.end();
            int probe = end;
            while (probe < header.length() && Character.isWhitespace(header.charAt(probe))) {
                probe++;
            }
            if (probe < header.length() && header.charAt(probe) == '(') {
                int depth = 0;
                end = probe;
                do {
                    char c = header.charAt(end++);
                    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                } while (depth > 0 && end < header.length());
            }
            from = end;
        }
        return out.append(header.substring(from)).toString().strip();
    }

    /** The ids of an {@code @Asserts} in this header (found in its blanked text, read in its text), or null. */
    private static List<String> assertsIds(String blankHeader, String header) {
        Matcher a = ASSERTS.matcher(blankHeader);
        if (!a.find()) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        Matcher id = ID.matcher(header.substring(a.start(1), a.end(1)));
        while (id.find()) {
            ids.add(id.group());
        }
        return ids;
    }

    /** The source with comments blanked and string and char literals' contents replaced; the strings are kept. */
    static String blank(String src, List<Literal> literals) {
        StringBuilder out = new StringBuilder(src);
        int i = 0;
        while (i < src.length()) {
            if (src.startsWith("//", i)) {
                int end = src.indexOf('\n', i);
                end = end < 0 ? src.length() : end;
                fill(out, i, end, ' ');
                i = end;
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i) + 2;
                fill(out, i, end, ' ');
                i = end;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3) + 3;
                fill(out, i + 3, end - 3, '_');
                i = end;
            } else if (src.charAt(i) == '"' || src.charAt(i) == '\'') {
                char quote = src.charAt(i);
                int j = i + 1;
                StringBuilder value = new StringBuilder();
                while (src.charAt(j) != quote) {
                    if (src.charAt(j) == '\\') {
                        value.append(src, j, j + 2);
                        j += 2;
                    } else {
                        value.append(src.charAt(j++));
                    }
                }
                if (quote == '"') {
                    literals.add(new Literal(i, value.toString()));
                }
                fill(out, i + 1, j, '_');
                i = j + 1;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static void fill(StringBuilder out, int from, int to, char with) {
        for (int k = from; k < to; k++) {
            if (out.charAt(k) != '\n') {
                out.setCharAt(k, with);
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
