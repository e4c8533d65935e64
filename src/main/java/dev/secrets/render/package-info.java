/**
 * Turns decrypted entries into the files deploy targets read: {@code dotenv}, {@code docker} (compose
 * {@code env_file}), {@code shell}, {@code json} and {@code k8s-secret}. Every format either writes a value so its
 * consumer reads back exactly the original bytes, or refuses it with a {@link dev.secrets.render.RenderException}
 * naming the key (never the value). Start at {@link dev.secrets.render.RenderFormats}.
 */
package dev.secrets.render;
