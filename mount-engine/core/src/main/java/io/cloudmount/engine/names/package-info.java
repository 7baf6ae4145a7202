/**
 * How store names become names a drive can show: provider decorators that the engine puts between
 * itself and the store ({@link io.cloudmount.engine.names.DriveNaming#present}).
 *
 * <h2>Windows-illegal names: a reversible encoding</h2>
 * {@link io.cloudmount.engine.names.NameEncodingProvider} shows every store key, however Windows
 * feels about it, under a name Windows accepts; nothing is dropped or renamed in the store. It
 * follows rclone's convention for its Windows {@code local} backend, so users who know one know the
 * other ({@link io.cloudmount.engine.names.WindowsNameCodec}):
 * <pre>
 *  store            drive                         where
 *  \ : * ? " &lt; &gt; |  ＼ ： ＊ ？ ＂ ＜ ＞ ｜ (U+FF3C U+FF1A U+FF0A U+FF1F U+FF02 U+FF1C U+FF1E U+FF5C)   anywhere
 *  0x01..0x1F       ␁..␟ (U+2401..U+241F, Control Pictures)                      anywhere
 *  space            ␠ (U+2420)                                                    last character
 *  .                ． (U+FF0E)                                                    last character
 *  CON PRN AUX NUL  first letter fullwidth: ＣON.txt, ｃom1, ＬPT²                  first character
 *  COM1-9 LPT1-9 COM¹²³ LPT¹²³, any case, also with an extension
 *  a look-alike     ‛ (U+201B) before it, where decoding would turn it back         see below
 * </pre>
 * A store name that already contains a look-alike at a place where decoding would turn it back
 * ({@code file？}, {@code name．}) shows with the quote {@code ‛} before it ({@code file‛？}), so
 * decoding is exact for every string; a quote is itself quoted only when what follows could be
 * escaped. Fullwidth characters in the middle of a name (Japanese text uses {@code ．}) and a lone
 * {@code ‛} show unchanged.
 *
 * <p>The drive's namespace is the encoded one. Off Windows a program may still type a raw
 * {@code ?}; decoding leaves it alone, so the call reaches the store key {@code a?}, which the next
 * listing shows as {@code a？}. Both names then lead to the same object.
 *
 * <h2>Case-insensitive lookups</h2>
 * {@link io.cloudmount.engine.names.CaseInsensitiveProvider} resolves a path that does not exist
 * exactly by walking its segments and picking a case-insensitive match in each parent listing.
 * <b>Collision rule</b>, for keys that differ only in case: the exact match wins; otherwise the
 * match that is smallest by {@link java.lang.String#compareTo} on the stored names wins. Listings
 * show all entries under their stored names, without suffixes: each listed name reaches its own
 * entry because the exact match wins, and the others stay reachable by their exact names. We did not
 * rename the losers with a suffix, because a suffixed name would have to be reserved, decoded and
 * kept stable as other keys come and go, for a case that is rare in practice.
 *
 * <h2>Order</h2>
 * Case-insensitivity goes outside the encoding: {@code CaseInsensitive(NameEncoding(store))}, so it
 * compares the names the user sees. Neither decorator caches; the engine's metadata cache is above.
 */
package io.cloudmount.engine.names;
