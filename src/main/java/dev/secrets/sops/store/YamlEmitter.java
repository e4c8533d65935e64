package dev.secrets.sops.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A port of the block-style part of go-yaml v3's emitter ({@code emitterc.go}), which sops writes YAML with:
 * indentation rules, scalar style selection (plain, single, double, literal), head/line/foot comments, and
 * {@code []}/{@code {}} for empty collections. Byte-exact output is the point, so names follow the original.
 */
final class YamlEmitter {
    enum Type { DOC_START, DOC_END, SEQ_START, SEQ_END, MAP_START, MAP_END, SCALAR }

    enum Style { ANY, PLAIN, SINGLE, DOUBLE, LITERAL }

    /** One event, with the comments go-yaml's encoder attaches to it. */
    record Event(Type type, String value, Style style, String head, String line, String foot, String tail) {
        static Event of(Type type) {
            return new Event(type, null, Style.ANY, "", "", "", "");
        }
    }

    private enum State { STREAM_START, FIRST_DOC_START, DOC_START, DOC_CONTENT, DOC_END, FLOW_SEQ_FIRST, FLOW_MAP_FIRST,
        BLOCK_SEQ_FIRST, BLOCK_SEQ_ITEM, BLOCK_MAP_FIRST_KEY, BLOCK_MAP_KEY, BLOCK_MAP_SIMPLE_VALUE, BLOCK_MAP_VALUE, END }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final int bestIndent;
    private List<Event> events;
    private int head;
    private State state = State.STREAM_START;
    private final Deque<State> states = new ArrayDeque<>();
    private final Deque<Integer> indents = new ArrayDeque<>();
    private int indent = -1;
    private int flowLevel;
    private boolean rootContext;
    private boolean sequenceContext;
    private boolean mappingContext;
    private boolean simpleKeyContext;
    private int column;
    private boolean whitespace = true;
    private boolean indention = true;
    private boolean openEnded;
    private int footIndent = -1;
    private byte[] headComment = new byte[0];
    private byte[] lineComment = new byte[0];
    private byte[] footComment = new byte[0];
    private byte[] tailComment = new byte[0];
    private byte[] keyLineComment = new byte[0];
    private byte[] value;
    private boolean multiline;
    private boolean flowPlainAllowed;
    private boolean blockPlainAllowed;
    private boolean singleQuotedAllowed;
    private boolean blockAllowed;
    private Style scalarStyle;

    YamlEmitter(int bestIndent) {
        this.bestIndent = bestIndent < 2 || bestIndent > 9 ? 2 : bestIndent;
    }

    /** Emits a whole stream of documents. */
    byte[] emit(List<Event> all) {
        this.events = all;
        indent = -1;
        state = State.FIRST_DOC_START;
        for (head = 0; head < events.size(); head++) {
            Event e = events.get(head);
            analyze(e);
            dispatch(e);
        }
        return out.toByteArray();
    }

    private void analyze(Event e) {
        value = null;
        if (!e.head().isEmpty()) {
            headComment = utf8(e.head());
        }
        if (!e.line().isEmpty()) {
            lineComment = utf8(e.line());
        }
        if (!e.foot().isEmpty()) {
            footComment = utf8(e.foot());
        }
        if (!e.tail().isEmpty()) {
            tailComment = utf8(e.tail());
        }
        if (e.type() == Type.SCALAR) {
            analyzeScalar(utf8(e.value()));
        }
    }

    private void dispatch(Event e) {
        switch (state) {
            case FIRST_DOC_START: documentStart(e, true); break;
            case DOC_START: documentStart(e, false); break;
            case DOC_CONTENT: documentContent(e); break;
            case DOC_END: documentEnd(); break;
            case FLOW_SEQ_FIRST: flowEnd(']'); break;
            case FLOW_MAP_FIRST: flowEnd('}'); break;
            case BLOCK_SEQ_FIRST: blockSequenceItem(e, true); break;
            case BLOCK_SEQ_ITEM: blockSequenceItem(e, false); break;
            case BLOCK_MAP_FIRST_KEY: blockMappingKey(e, true); break;
            case BLOCK_MAP_KEY: blockMappingKey(e, false); break;
            case BLOCK_MAP_SIMPLE_VALUE: blockMappingValue(e, true); break;
            case BLOCK_MAP_VALUE: blockMappingValue(e, false); break;
            default: throw new IllegalStateException("unexpected event " + e.type() + " in " + state);
        }
    }

    private void increaseIndent(boolean flow, boolean indentless) {
        indents.push(indent);
        if (indent < 0) {
            indent = flow ? bestIndent : 0;
        } else if (!indentless) {
            if (!states.isEmpty() && states.peek() == State.BLOCK_SEQ_ITEM) {
                indent += 2;
            } else {
                indent = bestIndent * ((indent + bestIndent) / bestIndent);
            }
        }
    }

    private void popIndent() {
        indent = indents.pop();
    }

    private void documentStart(Event e, boolean first) {
        if (e.type() != Type.DOC_START) {
            return;
        }
        if (!first) {
            writeIndent();
            writeIndicator("---", true, false, false);
            writeIndent();
        }
        if (headComment.length > 0) {
            processHeadComment();
            putBreak();
        }
        state = State.DOC_CONTENT;
    }

    private void documentContent(Event e) {
        states.push(State.DOC_END);
        processHeadComment();
        emitNode(e, true, false, false, false);
        processLineComment();
        processFootComment();
    }

    private void documentEnd() {
        footIndent = 0;
        processFootComment();
        footIndent = -1;
        writeIndent();
        state = State.DOC_START;
    }

    private void flowEnd(char close) {
        writeIndicator(close == ']' ? "[" : "{", true, true, false);
        increaseIndent(true, false);
        if (close == '}') {
            processHeadComment();
        }
        popIndent();
        if (column == 0) {
            writeIndent();
        }
        writeIndicator(String.valueOf(close), false, false, false);
        processLineComment();
        processFootComment();
        state = states.pop();
    }

    private void blockSequenceItem(Event e, boolean first) {
        if (first) {
            increaseIndent(false, false);
        }
        if (e.type() == Type.SEQ_END) {
            popIndent();
            state = states.pop();
            return;
        }
        processHeadComment();
        writeIndent();
        writeIndicator("-", true, false, true);
        states.push(State.BLOCK_SEQ_ITEM);
        emitNode(e, false, true, false, false);
        processLineComment();
        processFootComment();
    }

    private void blockMappingKey(Event e, boolean first) {
        if (first) {
            increaseIndent(false, false);
        }
        processHeadComment();
        if (e.type() == Type.MAP_END) {
            popIndent();
            state = states.pop();
            return;
        }
        writeIndent();
        if (lineComment.length > 0) {
            keyLineComment = lineComment;
            lineComment = new byte[0];
        }
        if (checkSimpleKey(e)) {
            states.push(State.BLOCK_MAP_SIMPLE_VALUE);
            emitNode(e, false, false, true, true);
            return;
        }
        writeIndicator("?", true, false, true);
        states.push(State.BLOCK_MAP_VALUE);
        emitNode(e, false, false, true, false);
    }

    private void blockMappingValue(Event e, boolean simple) {
        if (simple) {
            writeIndicator(":", false, false, false);
        } else {
            writeIndent();
            writeIndicator(":", true, false, true);
        }
        if (keyLineComment.length > 0) {
            if (e.type() == Type.SCALAR) {
                if (lineComment.length == 0) {
                    lineComment = keyLineComment;
                    keyLineComment = new byte[0];
                }
            } else if (e.type() == Type.MAP_START || e.type() == Type.SEQ_START) {
                byte[] saved = lineComment;
                lineComment = keyLineComment;
                processLineComment();
                keyLineComment = lineComment;
                lineComment = saved;
            }
        }
        states.push(State.BLOCK_MAP_KEY);
        emitNode(e, false, false, true, false);
        processLineComment();
        processFootComment();
    }

    private void emitNode(Event e, boolean root, boolean sequence, boolean mapping, boolean simpleKey) {
        rootContext = root;
        sequenceContext = sequence;
        mappingContext = mapping;
        simpleKeyContext = simpleKey;
        switch (e.type()) {
            case SCALAR:
                emitScalar(e);
                break;
            case SEQ_START:
                state = flowLevel > 0 || isEmpty(Type.SEQ_END) ? State.FLOW_SEQ_FIRST : State.BLOCK_SEQ_FIRST;
                break;
            case MAP_START:
                state = flowLevel > 0 || isEmpty(Type.MAP_END) ? State.FLOW_MAP_FIRST : State.BLOCK_MAP_FIRST_KEY;
                break;
            default:
                throw new IllegalStateException("expected a node, got " + e.type());
        }
    }

    private boolean isEmpty(Type end) {
        return head + 1 < events.size() && events.get(head + 1).type() == end;
    }

    private boolean checkSimpleKey(Event e) {
        switch (e.type()) {
            case SCALAR:
                return !multiline && value.length <= 128;
            case SEQ_START:
                return isEmpty(Type.SEQ_END);
            case MAP_START:
                return isEmpty(Type.MAP_END);
            default:
                return false;
        }
    }

    private void emitScalar(Event e) {
        selectScalarStyle(e);
        increaseIndent(true, false);
        switch (scalarStyle) {
            case PLAIN: writePlain(value, !simpleKeyContext); break;
            case SINGLE: writeSingleQuoted(value, !simpleKeyContext); break;
            case DOUBLE: writeDoubleQuoted(value); break;
            default: writeLiteral(value); break;
        }
        popIndent();
        state = states.pop();
    }

    private void selectScalarStyle(Event e) {
        Style style = e.style() == Style.ANY ? Style.PLAIN : e.style();
        if (simpleKeyContext && multiline) {
            style = Style.DOUBLE;
        }
        if (style == Style.PLAIN) {
            if (flowLevel > 0 && !flowPlainAllowed || flowLevel == 0 && !blockPlainAllowed) {
                style = Style.SINGLE;
            }
            if (value.length == 0 && (flowLevel > 0 || simpleKeyContext)) {
                style = Style.SINGLE;
            }
        }
        if (style == Style.SINGLE && !singleQuotedAllowed) {
            style = Style.DOUBLE;
        }
        if (style == Style.LITERAL && (!blockAllowed || flowLevel > 0 || simpleKeyContext)) {
            style = Style.DOUBLE;
        }
        scalarStyle = style;
    }

    private void processHeadComment() {
        if (tailComment.length > 0) {
            writeIndent();
            writeComment(tailComment);
            tailComment = new byte[0];
            footIndent = Math.max(indent, 0);
        }
        if (headComment.length == 0) {
            return;
        }
        writeIndent();
        writeComment(headComment);
        headComment = new byte[0];
    }

    private void processLineComment() {
        if (lineComment.length == 0) {
            return;
        }
        if (!whitespace) {
            put(' ');
        }
        writeComment(lineComment);
        lineComment = new byte[0];
    }

    private void processFootComment() {
        if (footComment.length == 0) {
            return;
        }
        writeIndent();
        writeComment(footComment);
        footComment = new byte[0];
        footIndent = Math.max(indent, 0);
    }

    private void analyzeScalar(byte[] v) {
        value = v;
        if (v.length == 0) {
            multiline = false;
            flowPlainAllowed = false;
            blockPlainAllowed = true;
            singleQuotedAllowed = true;
            blockAllowed = false;
            return;
        }
        boolean blockIndicators = false;
        boolean flowIndicators = false;
        boolean lineBreaks = false;
        boolean specialCharacters = false;
        boolean tabCharacters = false;
        boolean leadingSpace = false;
        boolean leadingBreak = false;
        boolean trailingSpace = false;
        boolean trailingBreak = false;
        boolean breakSpace = false;
        boolean spaceBreak = false;
        boolean previousSpace = false;
        boolean previousBreak = false;
        if (v.length >= 3 && (v[0] == '-' && v[1] == '-' && v[2] == '-' || v[0] == '.' && v[1] == '.' && v[2] == '.')) {
            blockIndicators = true;
            flowIndicators = true;
        }
        boolean precededByWhitespace = true;
        for (int i = 0, w; i < v.length; i += w) {
            w = width(v[i]);
            boolean followedByWhitespace = i + w >= v.length || isBlank(v, i + w);
            byte c = v[i];
            if (i == 0) {
                switch (c) {
                    case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!': case '|':
                    case '>': case '\'': case '"': case '%': case '@': case '`':
                        flowIndicators = true;
                        blockIndicators = true;
                        break;
                    case '?': case ':':
                        flowIndicators = true;
                        if (followedByWhitespace) {
                            blockIndicators = true;
                        }
                        break;
                    case '-':
                        if (followedByWhitespace) {
                            flowIndicators = true;
                            blockIndicators = true;
                        }
                        break;
                    default:
                        break;
                }
            } else {
                switch (c) {
                    case ',': case '?': case '[': case ']': case '{': case '}':
                        flowIndicators = true;
                        break;
                    case ':':
                        flowIndicators = true;
                        if (followedByWhitespace) {
                            blockIndicators = true;
                        }
                        break;
                    case '#':
                        if (precededByWhitespace) {
                            flowIndicators = true;
                            blockIndicators = true;
                        }
                        break;
                    default:
                        break;
                }
            }
            if (c == '\t') {
                tabCharacters = true;
            } else if (!isPrintable(v, i)) {
                specialCharacters = true;
            }
            if (c == ' ') {
                if (i == 0) {
                    leadingSpace = true;
                }
                if (i + w == v.length) {
                    trailingSpace = true;
                }
                if (previousBreak) {
                    breakSpace = true;
                }
                previousSpace = true;
                previousBreak = false;
            } else if (isBreak(v, i)) {
                lineBreaks = true;
                if (i == 0) {
                    leadingBreak = true;
                }
                if (i + w == v.length) {
                    trailingBreak = true;
                }
                if (previousSpace) {
                    spaceBreak = true;
                }
                previousSpace = false;
                previousBreak = true;
            } else {
                previousSpace = false;
                previousBreak = false;
            }
            precededByWhitespace = isBlank(v, i) || isBreak(v, i);
        }
        multiline = lineBreaks;
        flowPlainAllowed = true;
        blockPlainAllowed = true;
        singleQuotedAllowed = true;
        blockAllowed = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
            flowPlainAllowed = false;
            blockPlainAllowed = false;
        }
        if (trailingSpace) {
            blockAllowed = false;
        }
        if (breakSpace) {
            flowPlainAllowed = false;
            blockPlainAllowed = false;
            singleQuotedAllowed = false;
        }
        if (spaceBreak || tabCharacters || specialCharacters) {
            flowPlainAllowed = false;
            blockPlainAllowed = false;
            singleQuotedAllowed = false;
        }
        if (spaceBreak || specialCharacters) {
            blockAllowed = false;
        }
        if (lineBreaks) {
            flowPlainAllowed = false;
            blockPlainAllowed = false;
        }
        if (flowIndicators) {
            flowPlainAllowed = false;
        }
        if (blockIndicators) {
            blockPlainAllowed = false;
        }
    }

    // ---- writing ----

    private void put(int b) {
        out.write(b);
        column++;
    }

    private void putBreak() {
        out.write('\n');
        column = 0;
        indention = true;
    }

    private int write(byte[] s, int i) {
        int w = width(s[i]);
        out.write(s, i, w);
        column++;
        return i + w;
    }

    private int writeBreak(byte[] s, int i) {
        if (s[i] == '\n') {
            putBreak();
            return i + 1;
        }
        int next = write(s, i);
        column = 0;
        indention = true;
        return next;
    }

    private void writeIndent() {
        int ind = Math.max(indent, 0);
        if (!indention || column > ind || column == ind && !whitespace) {
            putBreak();
        }
        if (footIndent == ind) {
            putBreak();
        }
        while (column < ind) {
            put(' ');
        }
        whitespace = true;
        footIndent = -1;
    }

    private void writeIndicator(String indicator, boolean needWhitespace, boolean isWhitespace, boolean isIndention) {
        if (needWhitespace && !whitespace) {
            put(' ');
        }
        byte[] b = utf8(indicator);
        for (int i = 0; i < b.length; ) {
            i = write(b, i);
        }
        whitespace = isWhitespace;
        indention = indention && isIndention;
        openEnded = false;
    }

    private void writePlain(byte[] v, boolean allowBreaks) {
        if (v.length > 0 && !whitespace) {
            put(' ');
        }
        boolean breaks = false;
        for (int i = 0; i < v.length; ) {
            if (v[i] == ' ') {
                i = write(v, i);
            } else if (isBreak(v, i)) {
                if (!breaks && v[i] == '\n') {
                    putBreak();
                }
                i = writeBreak(v, i);
                breaks = true;
            } else {
                if (breaks) {
                    writeIndent();
                }
                i = write(v, i);
                indention = false;
                breaks = false;
            }
        }
        if (v.length > 0) {
            whitespace = false;
        }
        indention = false;
        if (rootContext) {
            openEnded = true;
        }
    }

    private void writeSingleQuoted(byte[] v, boolean allowBreaks) {
        writeIndicator("'", true, false, false);
        boolean breaks = false;
        for (int i = 0; i < v.length; ) {
            if (v[i] == ' ') {
                i = write(v, i);
            } else if (isBreak(v, i)) {
                if (!breaks && v[i] == '\n') {
                    putBreak();
                }
                i = writeBreak(v, i);
                breaks = true;
            } else {
                if (breaks) {
                    writeIndent();
                }
                if (v[i] == '\'') {
                    put('\'');
                }
                i = write(v, i);
                indention = false;
                breaks = false;
            }
        }
        writeIndicator("'", false, false, false);
        whitespace = false;
        indention = false;
    }

    private void writeDoubleQuoted(byte[] v) {
        writeIndicator("\"", true, false, false);
        for (int i = 0; i < v.length; ) {
            if (!isPrintable(v, i) || isBom(v, i) || isBreak(v, i) || v[i] == '"' || v[i] == '\\') {
                int octet = v[i] & 0xFF;
                int w;
                int cp;
                if ((octet & 0x80) == 0) {
                    w = 1;
                    cp = octet & 0x7F;
                } else if ((octet & 0xE0) == 0xC0) {
                    w = 2;
                    cp = octet & 0x1F;
                } else if ((octet & 0xF0) == 0xE0) {
                    w = 3;
                    cp = octet & 0x0F;
                } else {
                    w = 4;
                    cp = octet & 0x07;
                }
                for (int k = 1; k < w && i + k < v.length; k++) {
                    cp = (cp << 6) + (v[i + k] & 0x3F);
                }
                i += w;
                put('\\');
                switch (cp) {
                    case 0x00: put('0'); break;
                    case 0x07: put('a'); break;
                    case 0x08: put('b'); break;
                    case 0x09: put('t'); break;
                    case 0x0A: put('n'); break;
                    case 0x0B: put('v'); break;
                    case 0x0C: put('f'); break;
                    case 0x0D: put('r'); break;
                    case 0x1B: put('e'); break;
                    case 0x22: put('"'); break;
                    case 0x5C: put('\\'); break;
                    case 0x85: put('N'); break;
                    case 0xA0: put('_'); break;
                    case 0x2028: put('L'); break;
                    case 0x2029: put('P'); break;
                    default:
                        int digits;
                        if (cp <= 0xFF) {
                            put('x');
                            digits = 2;
                        } else if (cp <= 0xFFFF) {
                            put('u');
                            digits = 4;
                        } else {
                            put('U');
                            digits = 8;
                        }
                        for (int k = (digits - 1) * 4; k >= 0; k -= 4) {
                            int digit = (cp >> k) & 0x0F;
                            put(digit < 10 ? '0' + digit : 'A' + digit - 10);
                        }
                }
            } else {
                i = write(v, i);
            }
        }
        writeIndicator("\"", false, false, false);
        whitespace = false;
        indention = false;
    }

    private void writeBlockScalarHints(byte[] v) {
        if (v.length > 0 && (v[0] == ' ' || isBreak(v, 0))) {
            writeIndicator(String.valueOf((char) ('0' + bestIndent)), false, false, false);
        }
        openEnded = false;
        String chomp = "";
        if (v.length == 0) {
            chomp = "-";
        } else {
            int i = v.length - 1;
            while ((v[i] & 0xC0) == 0x80) {
                i--;
            }
            if (!isBreak(v, i)) {
                chomp = "-";
            } else if (i == 0) {
                chomp = "+";
                openEnded = true;
            } else {
                i--;
                while ((v[i] & 0xC0) == 0x80) {
                    i--;
                }
                if (isBreak(v, i)) {
                    chomp = "+";
                    openEnded = true;
                }
            }
        }
        if (!chomp.isEmpty()) {
            writeIndicator(chomp, false, false, false);
        }
    }

    private void writeLiteral(byte[] v) {
        writeIndicator("|", true, false, false);
        writeBlockScalarHints(v);
        processLineComment();
        if (v.length > 0 && isBreak(v, 0) && !whitespace) {
            // go-yaml v3 writes no line break after the header here (libyaml does), so a leading empty line
            // would be read back as nothing; we keep libyaml's break: the value survives an edit.
            putBreak();
        }
        whitespace = true;
        boolean breaks = true;
        for (int i = 0; i < v.length; ) {
            if (isBreak(v, i)) {
                i = writeBreak(v, i);
                breaks = true;
            } else {
                if (breaks) {
                    writeIndent();
                }
                i = write(v, i);
                indention = false;
                breaks = false;
            }
        }
    }

    private void writeComment(byte[] comment) {
        boolean breaks = false;
        boolean pound = false;
        for (int i = 0; i < comment.length; ) {
            if (isBreak(comment, i)) {
                i = writeBreak(comment, i);
                breaks = true;
                pound = false;
            } else {
                if (breaks) {
                    writeIndent();
                }
                if (!pound) {
                    if (comment[i] != '#') {
                        put('#');
                        put(' ');
                    }
                    pound = true;
                }
                i = write(comment, i);
                indention = false;
                breaks = false;
            }
        }
        if (!breaks) {
            putBreak();
        }
        whitespace = true;
    }

    // ---- character classes (yamlprivateh.go) ----

    private static int width(byte b) {
        int c = b & 0xFF;
        if ((c & 0x80) == 0) {
            return 1;
        }
        if ((c & 0xE0) == 0xC0) {
            return 2;
        }
        if ((c & 0xF0) == 0xE0) {
            return 3;
        }
        if ((c & 0xF8) == 0xF0) {
            return 4;
        }
        return 1;
    }

    private static int at(byte[] b, int i) {
        return i < b.length ? b[i] & 0xFF : 0;
    }

    private static boolean isBlank(byte[] b, int i) {
        return at(b, i) == ' ' || at(b, i) == '\t';
    }

    private static boolean isBreak(byte[] b, int i) {
        int c = at(b, i);
        return c == '\r' || c == '\n' || c == 0xC2 && at(b, i + 1) == 0x85
                || c == 0xE2 && at(b, i + 1) == 0x80 && (at(b, i + 2) == 0xA8 || at(b, i + 2) == 0xA9);
    }

    private static boolean isBom(byte[] b, int i) {
        return at(b, i) == 0xEF && at(b, i + 1) == 0xBB && at(b, i + 2) == 0xBF;
    }

    private static boolean isPrintable(byte[] b, int i) {
        int c = at(b, i);
        int n = at(b, i + 1);
        return c == 0x0A || c >= 0x20 && c <= 0x7E || c == 0xC2 && n >= 0xA0 || c > 0xC2 && c < 0xED
                || c == 0xED && n < 0xA0 || c == 0xEE
                || c == 0xEF && !(n == 0xBB && at(b, i + 2) == 0xBF) && !(n == 0xBF && (at(b, i + 2) == 0xBE
                || at(b, i + 2) == 0xBF));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
