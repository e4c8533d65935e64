package dev.secrets.sops.store;

import dev.secrets.sops.Scalar;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreeValue;
import dev.secrets.sops.TypedValues;
import dev.secrets.sops.store.YamlEmitter.Event;
import dev.secrets.sops.store.YamlEmitter.Style;
import dev.secrets.sops.store.YamlEmitter.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns branches into the event stream go-yaml's encoder produces for the nodes sops builds
 * ({@code appendTreeBranch}, {@code appendSequence}, {@code treeValueToNode}): where each comment lands (head
 * of the mapping or key, line of the value, foot of the last key) and which style each scalar asks for.
 */
final class YamlWriter {
    /** A go-yaml node as sops builds it for encoding. */
    private static final class Node {
        final Type kind;
        final String value;
        final Style style;
        final List<Node> content = new ArrayList<>();
        String head = "";
        String line = "";
        String foot = "";

        Node(Type kind, String value, Style style) {
            this.kind = kind;
            this.value = value;
            this.style = style;
        }
    }

    private YamlWriter() {
    }

    /** The bytes of {@code branches} as sops's YAML store writes them with {@code indent}. */
    static byte[] write(List<List<TreeItem>> branches, int indent) {
        List<Event> events = new ArrayList<>();
        for (List<TreeItem> branch : branches) {
            Node mapping = new Node(Type.MAP_START, null, Style.ANY);
            appendBranch(branch, mapping);
            events.add(Event.of(Type.DOC_START));
            events(mapping, "", events);
            events.add(Event.of(Type.DOC_END));
        }
        return new YamlEmitter(indent).emit(events);
    }

    /** One value as {@code yaml.Marshal} prints it. */
    static byte[] writeValue(TreeValue value, int indent) {
        List<Event> events = new ArrayList<>();
        events.add(Event.of(Type.DOC_START));
        events(node(value), "", events);
        events.add(Event.of(Type.DOC_END));
        return new YamlEmitter(indent).emit(events);
    }

    private static String comments(List<String> lines) {
        return "#" + String.join("\n#", lines);
    }

    private static void addHead(Node node, List<String> comments) {
        if (!comments.isEmpty()) {
            String c = comments(comments);
            node.head = node.head.isEmpty() ? c : c + "\n" + node.head;
            comments.clear();
        }
    }

    private static void addFoot(Node node, List<String> comments) {
        if (!comments.isEmpty()) {
            String c = comments(comments);
            node.foot = node.foot.isEmpty() ? c : node.foot + "\n" + c;
            comments.clear();
        }
    }

    private static void addLine(Node node, List<String> comments) {
        if (!comments.isEmpty()) {
            String c = comments(comments);
            node.line = node.line.isEmpty() ? c : node.line + "\n" + c;
            comments.clear();
        }
    }

    private static void appendBranch(List<TreeItem> branch, Node mapping) {
        List<String> head = new ArrayList<>();
        List<String> inline = new ArrayList<>();
        boolean beginning = true;
        for (TreeItem item : branch) {
            if (item instanceof TreeItem.Comment c) {
                (c.inline() ? inline : head).add(c.value().text());
            } else if (item instanceof TreeItem.Entry || item instanceof TreeItem.Nested) {
                if (beginning) {
                    addHead(mapping, head);
                    beginning = false;
                }
                Node key = scalar(Scalar.str(MetadataTree.keyOf(item)));
                addHead(key, head);
                Node value = node(MetadataTree.valueOf(item));
                addLine(value, inline);
                mapping.content.add(key);
                mapping.content.add(value);
            }
        }
        head.addAll(inline);
        if (!head.isEmpty()) {
            if (beginning) {
                addHead(mapping, head);
            } else {
                addFoot(mapping.content.get(mapping.content.size() - 2), head);
            }
        }
    }

    private static void appendSequence(List<TreeValue> items, Node sequence) {
        List<String> head = new ArrayList<>();
        List<String> inline = new ArrayList<>();
        boolean beginning = true;
        for (TreeValue item : items) {
            if (item instanceof TreeItem.Comment c) {
                (c.inline() ? inline : head).add(c.value().text());
            } else {
                if (beginning) {
                    addHead(sequence, head);
                    beginning = false;
                }
                Node node = node(item);
                addHead(node, head);
                addLine(node, inline);
                sequence.content.add(node);
            }
        }
        head.addAll(inline);
        if (!head.isEmpty()) {
            if (beginning) {
                addHead(sequence, head);
            } else {
                addFoot(sequence.content.get(sequence.content.size() - 1), head);
            }
        }
    }

    private static Node node(TreeValue value) {
        if (value instanceof TreeValue.Mapping m) {
            Node mapping = new Node(Type.MAP_START, null, Style.ANY);
            appendBranch(m.items(), mapping);
            return mapping;
        }
        if (value instanceof TreeValue.Sequence s) {
            Node sequence = new Node(Type.SEQ_START, null, Style.ANY);
            appendSequence(s.items(), sequence);
            return sequence;
        }
        if (value instanceof Scalar s) {
            return scalar(s);
        }
        return new Node(Type.SCALAR, "null", Style.PLAIN);
    }

    /** go-yaml's encoding of one Go value: the text and the style its {@code stringv}/{@code floatv} choose. */
    private static Node scalar(Scalar s) {
        String text = s.text();
        try {
            switch (s.type()) {
                case Scalar.INT:
                    return new Node(Type.SCALAR, Long.toString(Long.parseLong(text)), Style.PLAIN);
                case Scalar.BOOL:
                    return new Node(Type.SCALAR, Boolean.toString(TypedValues.parseGoBool(text)), Style.PLAIN);
                case Scalar.FLOAT:
                    return new Node(Type.SCALAR, yamlFloat(text), Style.PLAIN);
                case Scalar.TIME:
                    return new Node(Type.SCALAR, text, Style.PLAIN);
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            // written as the string it is
        }
        String str = GoStrings.decode(s.bytes());
        Style style = str.contains("\n") ? Style.LITERAL : YamlResolve.canBePlain(str) ? Style.PLAIN : Style.DOUBLE;
        return new Node(Type.SCALAR, str, style);
    }

    private static String yamlFloat(String text) {
        switch (text) {
            case "+Inf": return ".inf";
            case "-Inf": return "-.inf";
            case "NaN": return ".nan";
            default: return TypedValues.goFloatShortG(Double.parseDouble(text));
        }
    }

    /** go-yaml's {@code encoder.node}: a key's foot comment travels as the next key's tail. */
    private static void events(Node node, String tail, List<Event> out) {
        switch (node.kind) {
            case MAP_START: {
                out.add(new Event(Type.MAP_START, null, Style.ANY, node.head, "", "", tail));
                String next = "";
                for (int i = 0; i + 1 < node.content.size(); i += 2) {
                    Node k = node.content.get(i);
                    String foot = k.foot;
                    out.add(new Event(Type.SCALAR, k.value, k.style, k.head, k.line, "", next));
                    next = foot;
                    events(node.content.get(i + 1), "", out);
                }
                out.add(new Event(Type.MAP_END, null, Style.ANY, "", node.line, node.foot, next));
                break;
            }
            case SEQ_START:
                out.add(new Event(Type.SEQ_START, null, Style.ANY, node.head, "", "", ""));
                for (Node child : node.content) {
                    events(child, "", out);
                }
                out.add(new Event(Type.SEQ_END, null, Style.ANY, "", node.line, node.foot, ""));
                break;
            default:
                out.add(new Event(Type.SCALAR, node.value, node.style, node.head, node.line, node.foot, tail));
        }
    }
}
