package dev.secrets.sops.store;

import dev.secrets.sops.Scalar;
import dev.secrets.sops.SopsException;
import dev.secrets.sops.TreeItem;
import dev.secrets.sops.TreeValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML bytes to sops branches, in the order sops's {@code appendYamlNodeToTreeBranch} gives: comments become
 * comment items where they stood (line comments of scalars flagged inline), plain scalars typed as go-yaml v3
 * resolves them ({@link YamlResolve}), aliases expanded, duplicate keys refused as sops refuses them.
 */
final class YamlReader {
    /** The tag snakeyaml gives plain, untagged scalars here, so go-yaml's resolution can be applied instead. */
    private static final Tag PLAIN = new Tag("tag:secrets.dev,2026:plain");
    private static final int MAX_DEPTH = 500;

    private YamlReader() {
    }

    static List<List<TreeItem>> read(byte[] text, String source) throws SopsException {
        LoaderOptions options = new LoaderOptions();
        options.setProcessComments(true);
        options.setAllowDuplicateKeys(true);
        Resolver resolver = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
            }

            @Override
            public Tag resolve(NodeId kind, String value, boolean implicit) {
                return kind == NodeId.scalar && implicit ? PLAIN : super.resolve(kind, value, implicit);
            }
        };
        DumperOptions dumper = new DumperOptions();
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, resolver);
        List<List<TreeItem>> branches = new ArrayList<>();
        try {
            for (Node root : yaml.composeAll(new StringReader(new String(text, StandardCharsets.UTF_8)))) {
                branches.add(document(root, source));
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new SopsException.InvalidDocument("[" + source + "]" + (mark == null ? "" : " line " + (mark.getLine() + 1)
                    + " column " + (mark.getColumn() + 1)) + ": not valid YAML");
        } catch (YAMLException e) {
            throw new SopsException.InvalidDocument("[" + source + "]: not valid YAML");
        }
        if (branches.isEmpty()) {
            branches.add(List.of());
        }
        return branches;
    }

    private static List<TreeItem> document(Node root, String source) throws SopsException {
        List<TreeItem> branch = new ArrayList<>();
        if (root instanceof MappingNode m) {
            mapping(m, branch, false, source, 0);
        } else if (root instanceof SequenceNode) {
            throw new SopsException.InvalidDocument("[" + source + "] line " + (root.getStartMark().getLine() + 1)
                    + ": YAML documents that are sequences are not supported (wrap the list under a key)");
        } else if (!(value(root, source, 0) instanceof TreeValue.Null)) {
            throw new SopsException.InvalidDocument("[" + source + "] line " + (root.getStartMark().getLine() + 1)
                    + ": YAML documents that are single values are not supported");
        } else {
            comments(root.getBlockComments(), branch, false);
            comments(root.getEndComments(), branch, false);
        }
        return branch;
    }

    private static void mapping(MappingNode node, List<TreeItem> branch, boolean handled, String source, int depth)
            throws SopsException {
        if (!handled) {
            comments(node.getBlockComments(), branch, false);
            comments(node.getInLineComments(), branch, false);
        }
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : node.getValue()) {
            Node k = tuple.getKeyNode();
            Node v = tuple.getValueNode();
            if (!(k instanceof ScalarNode key)) {
                throw new SopsException.InvalidDocument("[" + source + "] line " + (k.getStartMark().getLine() + 1)
                        + ": mapping keys must be strings");
            }
            if (!seen.add(key.getValue())) {
                throw new SopsException.InvalidDocument("[" + source + "] line " + (k.getStartMark().getLine() + 1)
                        + ": mapping key [" + key.getValue() + "] already defined");
            }
            comments(k.getBlockComments(), branch, false);
            comments(k.getInLineComments(), branch, false);
            boolean scalar = v instanceof ScalarNode;
            if (scalar) {
                comments(v.getBlockComments(), branch, false);
                comments(v.getInLineComments(), branch, true);
            }
            branch.add(TreeItem.of(key.getValue(), child(v, !scalar ? false : true, source, depth)));
            if (scalar) {
                comments(v.getEndComments(), branch, false);
            }
            comments(k.getEndComments(), branch, false);
        }
        if (!handled) {
            comments(node.getEndComments(), branch, false);
        }
    }

    private static TreeValue child(Node node, boolean handled, String source, int depth) throws SopsException {
        if (depth > MAX_DEPTH) {
            throw new SopsException.InvalidDocument("[" + source + "]: nested too deeply (or a recursive alias)");
        }
        if (node instanceof MappingNode m) {
            List<TreeItem> items = new ArrayList<>();
            mapping(m, items, handled, source, depth + 1);
            return new TreeValue.Mapping(items);
        }
        if (node instanceof SequenceNode s) {
            List<TreeValue> items = new ArrayList<>();
            if (!handled) {
                elements(s.getBlockComments(), items, false);
                elements(s.getInLineComments(), items, false);
            }
            for (Node item : s.getValue()) {
                elements(item.getBlockComments(), items, false);
                elements(item.getInLineComments(), items, true);
                items.add(child(item, true, source, depth + 1));
                elements(item.getEndComments(), items, false);
            }
            if (!handled) {
                elements(s.getEndComments(), items, false);
            }
            return new TreeValue.Sequence(items);
        }
        return value(node, source, depth);
    }

    private static TreeValue value(Node node, String source, int depth) throws SopsException {
        ScalarNode scalar = (ScalarNode) node;
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        if (PLAIN.equals(tag)) {
            return YamlResolve.plain(text);
        }
        if (Tag.STR.equals(tag)) {
            return Scalar.str(text);
        }
        if (Tag.BINARY.equals(tag)) {
            try {
                return Scalar.str(Base64.getMimeDecoder().decode(text));
            } catch (IllegalArgumentException e) {
                throw new SopsException.InvalidDocument("[" + source + "] line " + (node.getStartMark().getLine() + 1)
                        + ": !!binary value is not base64");
            }
        }
        if (Tag.TIMESTAMP.equals(tag)) {
            return Scalar.of(Scalar.TIME, text);
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag) || Tag.BOOL.equals(tag) || Tag.NULL.equals(tag)) {
            TreeValue v = YamlResolve.plain(text);
            if (Tag.FLOAT.equals(tag) && v instanceof Scalar s && Scalar.INT.equals(s.type())) {
                return Scalar.of(Scalar.FLOAT, dev.secrets.sops.TypedValues.goFloatF(Double.parseDouble(s.text())));
            }
            return v;
        }
        return Scalar.str(text);
    }

    private static void comments(List<CommentLine> lines, List<TreeItem> branch, boolean inline) {
        if (lines == null) {
            return;
        }
        for (CommentLine line : lines) {
            if (line.getCommentType() != CommentType.BLANK_LINE) {
                branch.add(new TreeItem.Comment(Scalar.of(Scalar.COMMENT, line.getValue()), inline));
            }
        }
    }

    private static void elements(List<CommentLine> lines, List<TreeValue> items, boolean inline) {
        if (lines == null) {
            return;
        }
        for (CommentLine line : lines) {
            if (line.getCommentType() != CommentType.BLANK_LINE) {
                items.add(new TreeItem.Comment(Scalar.of(Scalar.COMMENT, line.getValue()), inline));
            }
        }
    }
}
