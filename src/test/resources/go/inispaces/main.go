// Command inispaces parses INI texts with go-ini as sops's INI store loads them
// (ini.LoadSources with AllowNonUniqueSections only) and prints what it read.
//
// Input: one case a line, base64 of the INI text. Output per case: "case N", then
// "error" or, per section, "section NAME COMMENT" and per key "key NAME VALUE COMMENT",
// each field as x followed by the hex of its bytes; then "end".
package main

import (
	"bufio"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"os"

	"github.com/go-ini/ini"
)

func field(s string) string {
	return "x" + hex.EncodeToString([]byte(s))
}

func main() {
	// All input is read before any output is written: the caller writes stdin whole before it reads stdout.
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	var lines []string
	for in.Scan() {
		lines = append(lines, in.Text())
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	n := 0
	for _, line := range lines {
		text, err := base64.StdEncoding.DecodeString(line)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bad base64:", err)
			os.Exit(2)
		}
		fmt.Fprintf(out, "case %d\n", n)
		n++
		file, err := ini.LoadSources(ini.LoadOptions{AllowNonUniqueSections: true}, text)
		if err != nil {
			fmt.Fprintln(out, "error")
			fmt.Fprintln(out, "end")
			continue
		}
		for _, section := range file.Sections() {
			fmt.Fprintln(out, "section", field(section.Name()), field(section.Comment))
			for _, key := range section.Keys() {
				fmt.Fprintln(out, "key", field(key.Name()), field(key.Value()), field(key.Comment))
			}
		}
		fmt.Fprintln(out, "end")
	}
}
