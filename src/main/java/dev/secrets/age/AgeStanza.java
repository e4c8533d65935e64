package dev.secrets.age;

import com.exceptionfactory.jagged.RecipientStanza;
import java.util.List;

/** One recipient stanza as our writers produce it: type, arguments, body (copied out on each read). */
record AgeStanza(String type, List<String> arguments, byte[] body) implements RecipientStanza {
    @Override
    public String getType() {
        return type;
    }

    @Override
    public List<String> getArguments() {
        return arguments;
    }

    @Override
    public byte[] getBody() {
        return body.clone();
    }
}
