using System.Runtime.CompilerServices;
using Lucene.Net.Analysis.Cn.Smart;

namespace SalesAcademy.Search.Services;

/// <summary>
/// SmartCn's word segmentation (the hierarchical HMM of Lucene.Net.Analysis.SmartCn's HHMMSegmenter: every dictionary
/// word that can start at each character, then the cheapest path through the word-bigram graph) over the same
/// dictionaries, giving the same words; written to allocate nothing per sentence. The stock segmenter builds a
/// dictionary of lists, a token object and a char array per candidate word and a pair object per bigram, and that
/// garbage made it two thirds of a rebuild's time. <c>AnalysisTests</c> compares the two on every seed sentence and on
/// random text.
/// </summary>
internal sealed class ChineseSegmenter
{
    // The kinds of character SmartCn tells apart (Utility.GetCharType), for the characters a Chinese run can hold.
    private enum CharKind : byte { Hanzi, Letter, Digit, Space, Delimiter, FullwidthLetter, FullwidthDigit, Other }

    /// <summary>What a segment is: a dictionary word (or single character), a run of letters or digits, punctuation, or
    /// a character SmartCn does not know.</summary>
    public enum Kind : byte { Word, Letters, FullwidthLetters, Digits, FullwidthDigits, Delimiter, Unknown }

    private const double Smooth = 0.1;
    private static readonly double MaxFrequency = Utility.MAX_FREQUENCE;
    private static readonly double Tiny = 1.0 / Utility.MAX_FREQUENCE;

    private readonly SmartCnDictionary _dict = SmartCnDictionary.Instance;

    // The candidate words of one sentence, in SmartCn's order (by start, then shortest first); 0 is the sentence start.
    private int[] _start = new int[256], _end = new int[256], _freq = new int[256], _charsAt = new int[256], _charsLength = new int[256];
    private Kind[] _kind = new Kind[256];
    private char[] _chars = new char[1024];
    private int _count, _charCount;
    // Per position: the first candidate starting there and how many; the next position at or after it where one starts.
    private int[] _first = new int[128], _atCount = new int[128], _nextStart = new int[128];
    private CharKind[] _kinds = new CharKind[128];
    private int _kindsLength;
    // Viterbi: the cheapest path's weight to each candidate and the candidate before it.
    private double[] _best = new double[256];
    private int[] _previous = new int[256];
    private int[] _path = new int[128];

    /// <summary>A segment of the sentence: [Start, End) in the sentence; Kind says how its text is formed.</summary>
    public readonly record struct Token(int Start, int End, Kind Kind, int CharsAt, int CharsLength);

    /// <summary>
    /// Segments <paramref name="sentence"/> into <paramref name="output"/> (cleared first), in order, without the
    /// sentence start and end markers. A word's text is <see cref="Chars"/> at
    /// [CharsAt, CharsAt + CharsLength) (the characters without the spaces a word may span); the others' text is the sentence's.
    /// </summary>
    public void Segment(ReadOnlySpan<char> sentence, List<Token> output)
    {
        output.Clear();
        BuildCandidates(sentence);
        ShortestPath();
        // _path holds the chosen candidates from the end marker back to the start marker.
        for (var i = _pathLength - 2; i >= 1; i--)
        {
            var t = _path[i];
            output.Add(new Token(_start[t], _end[t], _kind[t], _charsAt[t], _charsLength[t]));
        }
    }

    /// <summary>The characters the words of the last <see cref="Segment"/> refer to (valid until the next call).</summary>
    public char[] Chars => _chars;

    private int _pathLength;

    private void BuildCandidates(ReadOnlySpan<char> s)
    {
        var n = s.Length;
        EnsurePositions(n + 1);
        for (var i = 0; i < n; i++) _kinds[i] = KindOf(s[i]);
        _kindsLength = n;
        _count = 0;
        _charCount = 0;
        Array.Clear(_atCount, 0, n + 1);
        Add(-1, 0, Kind.Word, SmartCnDictionary.StartMarker, _dict.StartFrequency);

        var i2 = 0;
        while (i2 < n)
        {
            switch (_kinds[i2])
            {
                case CharKind.Space:
                    i2++;
                    break;
                case CharKind.Hanzi:
                    AddWordsAt(s, i2);
                    i2++;
                    break;
                case CharKind.Letter or CharKind.FullwidthLetter:
                    i2 = AddRun(i2, CharKind.Letter, CharKind.FullwidthLetter, Kind.Letters, Kind.FullwidthLetters, SmartCnDictionary.StringMarker, _dict.StringFrequency);
                    break;
                case CharKind.Digit or CharKind.FullwidthDigit:
                    i2 = AddRun(i2, CharKind.Digit, CharKind.FullwidthDigit, Kind.Digits, Kind.FullwidthDigits, SmartCnDictionary.NumberMarker, _dict.NumberFrequency);
                    break;
                case CharKind.Delimiter:
                    Add(i2, i2 + 1, Kind.Delimiter, s.Slice(i2, 1), Utility.MAX_FREQUENCE);
                    i2++;
                    break;
                default:
                    Add(i2, i2 + 1, Kind.Unknown, SmartCnDictionary.StringMarker, _dict.StringFrequency);
                    i2++;
                    break;
            }
        }
        Add(n, n + 1, Kind.Word, SmartCnDictionary.EndMarker, _dict.EndFrequency);

        // Where the next candidates start, at or after each position (the end marker starts at n).
        _nextStart[n] = n;
        for (var p = n - 1; p >= 0; p--) _nextStart[p] = _atCount[p] > 0 ? p : _nextStart[p + 1];
    }

    /// <summary>A run of letters (or of digits), half- or full-width, from <paramref name="i"/> as one candidate; returns where it ends.</summary>
    private int AddRun(int i, CharKind half, CharKind full, Kind kind, Kind fullwidthKind, ReadOnlySpan<char> marker, int frequency)
    {
        var n = _kindsLength;
        var fullwidth = _kinds[i] == full;
        var j = i + 1;
        while (j < n && (_kinds[j] == half || _kinds[j] == full))
            fullwidth |= _kinds[j++] == full;
        Add(i, j, fullwidth ? fullwidthKind : kind, marker, frequency);
        return j;
    }

    /// <summary>The single character at <paramref name="i"/> and every longer dictionary word starting there (skipping spaces inside).</summary>
    private void AddWordsAt(ReadOnlySpan<char> s, int i)
    {
        var at = _charCount;
        EnsureChars(at + 1);
        _chars[at] = s[i];
        _charCount = at + 1;
        var key = SmartCnDictionary.WordKey(SmartCnDictionary.WordKeyStart, s[i]);
        var entry = _dict.Find(key);
        Add(i, i + 1, Kind.Word, _chars.AsSpan(at, 1), entry.IsWord ? entry.Frequency : 0, at);
        var n = s.Length;
        var length = 1;
        var j = i + 1;
        // Longer words while some dictionary word starts with the characters so far.
        while (entry.Found)
        {
            while (j < n && _kinds[j] == CharKind.Space) j++;
            if (j >= n || _kinds[j] != CharKind.Hanzi) break;
            EnsureChars(at + length + 1);
            _chars[at + length++] = s[j];
            key = SmartCnDictionary.WordKey(key, s[j++]);
            entry = _dict.Find(key);
            if (entry.IsWord) Add(i, j, Kind.Word, _chars.AsSpan(at, length), entry.Frequency, at);
        }
        _charCount = at + length;
    }

    private void Add(int start, int end, Kind kind, ReadOnlySpan<char> chars, int frequency, int charsAt = -1)
    {
        if (_count == _start.Length) GrowCandidates();
        var t = _count++;
        _start[t] = start;
        _end[t] = end;
        _kind[t] = kind;
        _freq[t] = frequency;
        if (charsAt < 0)
        {
            charsAt = _charCount;
            EnsureChars(charsAt + chars.Length);
            chars.CopyTo(_chars.AsSpan(charsAt));
            _charCount += chars.Length;
        }
        _charsAt[t] = charsAt;
        _charsLength[t] = chars.Length;
        if (start >= 0)
        {
            if (_atCount[start]++ == 0) _first[start] = t;
        }
    }

    /// <summary>Viterbi over the word-bigram graph, with SmartCn's smoothing, order of edges and tie-breaking (the first cheapest edge wins).</summary>
    private void ShortestPath()
    {
        var count = _count;
        var end = count - 1;
        for (var t = 0; t < count; t++) _best[t] = double.MaxValue;
        _best[0] = 0;
        var n = _start[end];
        for (var t1 = 0; t1 < end; t1++)
        {
            var oneWordFreq = (double)_freq[t1];
            // The bigram key is "word1@word2": hash word1 and '@' once, then each following word.
            var (h1, h2) = SmartCnDictionary.HashStart();
            var w1 = _chars.AsSpan(_charsAt[t1], _charsLength[t1]);
            SmartCnDictionary.HashMore(ref h1, ref h2, w1);
            SmartCnDictionary.HashMore(ref h1, ref h2, '@');
            // Every candidate starting at the first position at or after t1's end (the end marker's is n).
            var next = _nextStart[_end[t1]];
            int from = _first[next], to = from + _atCount[next];
            var bestFrom = _best[t1];
            // Most pairs are not in the bigram table: their weight depends on the first word only.
            var unseenPairWeight = Weight(oneWordFreq, 0);
            for (var t2 = from; t2 < to; t2++)
            {
                var k1 = h1;
                var k2 = h2;
                SmartCnDictionary.HashMore(ref k1, ref k2, _chars.AsSpan(_charsAt[t2], _charsLength[t2]));
                var pairFreq = _dict.BigramFrequency(k1, k2);
                var weight = pairFreq == 0 ? unseenPairWeight : Weight(oneWordFreq, pairFreq);
                if (bestFrom + weight < _best[t2])
                {
                    _best[t2] = bestFrom + weight;
                    _previous[t2] = t1;
                }
            }
        }
        _pathLength = 0;
        for (var t = end; ; t = _previous[t])
        {
            if (_pathLength == _path.Length) Array.Resize(ref _path, _path.Length * 2);
            _path[_pathLength++] = t;
            if (t == 0) break;
        }
    }

    /// <summary>SmartCn's edge weight, -log of the smoothed probability of the pair (the same expression, so the same doubles).</summary>
    private static double Weight(double oneWordFreq, int pairFreq) =>
        -Math.Log(Smooth * (1.0 + oneWordFreq) / (MaxFrequency + 0.0) + (1.0 - Smooth) * ((1.0 - Tiny) * pairFreq / (1.0 + oneWordFreq) + Tiny));

    private static CharKind KindOf(char c) => c switch
    {
        >= '\u4E00' and <= '\u9FA5' => CharKind.Hanzi,
        >= 'A' and <= 'Z' or >= 'a' and <= 'z' => CharKind.Letter,
        >= '0' and <= '9' => CharKind.Digit,
        ' ' or '\t' or '\r' or '\n' or '\u3000' => CharKind.Space,
        >= '\u0021' and <= '\u00BB' or >= '\u2010' and <= '\u2642' or >= '\u3001' and <= '\u301E' => CharKind.Delimiter,
        >= '\uFF21' and <= '\uFF3A' or >= '\uFF41' and <= '\uFF5A' => CharKind.FullwidthLetter,
        >= '\uFF10' and <= '\uFF19' => CharKind.FullwidthDigit,
        >= '\uFE30' and <= '\uFF63' => CharKind.Delimiter,
        _ => CharKind.Other,
    };

    private void EnsurePositions(int n)
    {
        if (_first.Length >= n) return;
        var size = Math.Max(n, _first.Length * 2);
        _first = new int[size];
        _atCount = new int[size];
        _nextStart = new int[size];
        _kinds = new CharKind[size];
    }

    private void EnsureChars(int n)
    {
        if (_chars.Length < n) Array.Resize(ref _chars, Math.Max(n, _chars.Length * 2));
    }

    private void GrowCandidates()
    {
        var size = _start.Length * 2;
        Array.Resize(ref _start, size);
        Array.Resize(ref _end, size);
        Array.Resize(ref _freq, size);
        Array.Resize(ref _charsAt, size);
        Array.Resize(ref _charsLength, size);
        Array.Resize(ref _kind, size);
        Array.Resize(ref _best, size);
        Array.Resize(ref _previous, size);
    }
}

/// <summary>
/// SmartCn's two dictionaries, read from the resources embedded in Lucene.Net.Analysis.SmartCn (coredict.mem: words
/// and frequencies by first character; bigramdict.mem: word-pair frequencies in a double-hashed table), and looked up
/// exactly as SmartCn looks them up, over spans.
/// </summary>
internal sealed class SmartCnDictionary
{
    private const int PrimeBigramLength = 402137;
    private const string ResourcePrefix = "Lucene.Net.Analysis.SmartCn.Hhmm.";

    public static ReadOnlySpan<char> StringMarker => "未##串";
    public static ReadOnlySpan<char> NumberMarker => "未##数";
    public static ReadOnlySpan<char> StartMarker => "始##始";
    public static ReadOnlySpan<char> EndMarker => "末##末";

    private static readonly Lazy<SmartCnDictionary> Loaded = new(() => new SmartCnDictionary(), LazyThreadSafetyMode.ExecutionAndPublication);
    public static SmartCnDictionary Instance => Loaded.Value;

    // Key, frequency and "is a word" side by side: one cache line per lookup.
    private WordSlot[] _words = [];
    private int _shift;

    private struct WordSlot
    {
        public ulong Key;
        public int Frequency;
        public bool IsWord;
    }
    // SmartCn's bigram table, hash and frequency side by side (one cache line per probe), slot for slot.
    private readonly BigramSlot[] _bigrams;

    private struct BigramSlot
    {
        public long Hash;
        public int Frequency;
    }
    // One bit per hash of the bigram table's keys: most word pairs are not in the table (82 % full, so an absent pair
    // costs about five probes, each a cache miss), and a clear bit says so at once.
    private const int PresenceBits = 23;
    private readonly ulong[] _present = new ulong[(1 << PresenceBits) / 64];

    private SmartCnDictionary()
    {
        var assembly = typeof(SmartChineseAnalyzer).Assembly;
        using (var reader = new BinaryReader(Open(assembly, "coredict.mem")))
        {
            var wordIndexTable = new short[reader.ReadInt32()];
            for (var i = 0; i < wordIndexTable.Length; i++) wordIndexTable[i] = reader.ReadInt16();
            var charIndexTable = new char[reader.ReadInt32()];
            for (var i = 0; i < charIndexTable.Length; i++) charIndexTable[i] = reader.ReadChar();
            var words = new char[]?[]?[Math.Max(0, reader.ReadInt32())];
            for (var i = 0; i < words.Length; i++)
            {
                var count = reader.ReadInt32();
                if (count < 0) continue;
                var row = words[i] = new char[]?[count];
                for (var j = 0; j < count; j++)
                {
                    var length = reader.ReadInt32();
                    if (length < 0) continue;
                    var word = row[j] = new char[length];
                    for (var k = 0; k < length; k++) word[k] = reader.ReadChar();
                }
            }
            var frequencies = new int[]?[Math.Max(0, reader.ReadInt32())];
            for (var i = 0; i < frequencies.Length; i++)
            {
                var count = reader.ReadInt32();
                if (count < 0) continue;
                var row = frequencies[i] = new int[count];
                for (var j = 0; j < count; j++) row[j] = reader.ReadInt32();
            }
            // SmartCn finds a character's row through an open-addressed table; a direct look at every slot finds the same rows.
            var rows = new List<(char First, char[]?[] Words, int[] Frequencies)>();
            for (var index = 0; index < charIndexTable.Length; index++)
            {
                var c = charIndexTable[index];
                if (c == 0 || wordIndexTable[index] < 0 || words[wordIndexTable[index]] is not { } row) continue;
                // SmartCn's binary searches, which the word table stands in for, need each row in order.
                for (var k = 1; k < row.Length; k++)
                    if (row[k] is null || Compare(row[k - 1], row[k]) >= 0)
                        throw new InvalidDataException($"SmartCn's coredict.mem row for '{c}' is not in order at word {k}: another version of Lucene.Net.Analysis.SmartCn?");
                rows.Add((c, row, frequencies[wordIndexTable[index]] ?? []));
            }
            BuildWordTable(rows);
        }
        using (var reader = new BinaryReader(Open(assembly, "bigramdict.mem")))
        {
            _bigrams = new BigramSlot[reader.ReadInt32()];
            for (var i = 0; i < _bigrams.Length; i++) _bigrams[i].Hash = reader.ReadInt64();
            var frequencies = reader.ReadInt32();
            if (frequencies != _bigrams.Length)
                throw new InvalidDataException($"SmartCn's bigramdict.mem has {_bigrams.Length} hashes but {frequencies} frequencies: another version of Lucene.Net.Analysis.SmartCn?");
            for (var i = 0; i < _bigrams.Length; i++) _bigrams[i].Frequency = reader.ReadInt32();
        }
        if (_bigrams.Length != PrimeBigramLength)
            throw new InvalidDataException($"SmartCn's bigramdict.mem has {_bigrams.Length} entries, not {PrimeBigramLength}: another version of Lucene.Net.Analysis.SmartCn?");
        foreach (var slot in _bigrams)
            if (slot.Hash != 0) _present[PresenceBit(slot.Hash) >> 6] |= 1UL << (int)(PresenceBit(slot.Hash) & 63);
        StringFrequency = Frequency(StringMarker);
        NumberFrequency = Frequency(NumberMarker);
        StartFrequency = Frequency(StartMarker);
        EndFrequency = Frequency(EndMarker);
    }

    private static Stream Open(System.Reflection.Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(ResourcePrefix + name)
        ?? throw new InvalidDataException($"{assembly.GetName().Name} has no resource {ResourcePrefix + name}: another version of Lucene.Net.Analysis.SmartCn?");

    public int StringFrequency { get; }
    public int NumberFrequency { get; }
    public int StartFrequency { get; }
    public int EndFrequency { get; }

    /// <summary>What the dictionary says of a character sequence: whether some word starts with it (SmartCn's prefix
    /// match finds one), whether it is itself a word, and the word's frequency.</summary>
    public readonly record struct Entry(bool Found, bool IsWord, int Frequency);

    public const ulong WordKeyStart = 14695981039346656037UL;

    /// <summary>The key of a character sequence, extended by one character (64-bit FNV-1a; never 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong WordKey(ulong key, char c)
    {
        key = unchecked((key ^ c) * 1099511628211UL);
        return key == 0 ? 1 : key;
    }

    /// <summary>
    /// Looks a sequence up by its key in one hash table of every word and every prefix of a word (the rows are in order):
    /// in a sorted row SmartCn's prefix match finds the first word with the prefix, which is the sequence itself when
    /// it is a word, so "found", "is a word" and the frequency are what its binary searches give.
    /// </summary>
    public Entry Find(ulong key)
    {
        var words = _words;
        var mask = words.Length - 1;
        for (var slot = (int)((key * 0x9E3779B97F4A7C15UL) >> _shift); ; slot = (slot + 1) & mask)
        {
            ref readonly var entry = ref words[slot];
            var k = entry.Key;
            if (k == key) return new Entry(true, entry.IsWord, entry.Frequency);
            if (k == 0) return default;
        }
    }

    private void BuildWordTable(List<(char First, char[]?[] Words, int[] Frequencies)> rows)
    {
        // Every word (first character + the row's rest) and each of its prefixes.
        var entries = new Dictionary<string, (bool IsWord, int Frequency)>(StringComparer.Ordinal);
        foreach (var (c, row, frequencies) in rows)
        {
            for (var k = 0; k < row.Length; k++)
            {
                var word = c + new string(row[k] ?? []);
                entries[word] = (true, frequencies[k]);
                for (var length = 1; length < word.Length; length++)
                    entries.TryAdd(word[..length], (false, 0));
            }
        }
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, entries.Count * 2));
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
        _words = new WordSlot[size];
        var seen = new Dictionary<ulong, string>();
        foreach (var (text, (isWord, frequency)) in entries)
        {
            var key = WordKeyStart;
            foreach (var ch in text) key = WordKey(key, ch);
            if (!seen.TryAdd(key, text))
                throw new InvalidDataException($"SmartCn's words \"{seen[key]}\" and \"{text}\" have the same 64-bit key");
            var slot = (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
            while (_words[slot].Key != 0) slot = (slot + 1) & (size - 1);
            _words[slot] = new WordSlot { Key = key, Frequency = frequency, IsWord = isWord };
        }
    }

    /// <summary>The word's frequency (0 when it is not in the dictionary).</summary>
    public int Frequency(ReadOnlySpan<char> word)
    {
        var key = WordKeyStart;
        foreach (var c in word) key = WordKey(key, c);
        return Find(key) is { IsWord: true } entry ? entry.Frequency : 0;
    }

    /// <summary>SmartCn's array order, with null as the empty rest.</summary>
    private static int Compare(char[]? item, ReadOnlySpan<char> rest)
    {
        if (item is null) return rest.Length == 0 ? 0 : -1;
        var common = item.AsSpan().CommonPrefixLength(rest);
        if (common == item.Length) return common == rest.Length ? 0 : -1;
        if (common == rest.Length) return 1;
        return item[common] > rest[common] ? 1 : -1;
    }

    // The bigram table's two hashes (SmartCn's 64-bit FNV variant and its byte-wise djb2 variant), computed incrementally.
    public static (long H1, int H2) HashStart() => (unchecked((long)0xcbf29ce484222325L), 5381);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void HashMore(ref long h1, ref int h2, char c)
    {
        const long p = 1099511628211L;
        unchecked
        {
            h1 = (h1 ^ (c & 0x00FF)) * p;
            h1 = (h1 ^ (c >> 8)) * p;
            h2 = ((h2 << 5) + h2 + c) & 0x00FF;
            h2 = ((h2 << 5) + h2 + c) >> 8;
        }
    }

    public static void HashMore(ref long h1, ref int h2, ReadOnlySpan<char> chars)
    {
        foreach (var c in chars) HashMore(ref h1, ref h2, c);
    }

    private static ulong PresenceBit(long hashId) => unchecked((ulong)hashId * 0x9E3779B97F4A7C15UL) >> (64 - PresenceBits);

    /// <summary>The frequency of the word pair with these hashes (SmartCn's double hashing; 0 when absent).</summary>
    public int BigramFrequency(long hashId, int hash2Raw)
    {
        var bit = PresenceBit(hashId);
        if ((_present[bit >> 6] & (1UL << (int)(bit & 63))) == 0) return 0;
        var hash1 = (int)(hashId % PrimeBigramLength);
        var hash2 = hash2Raw % PrimeBigramLength;
        if (hash1 < 0) hash1 += PrimeBigramLength;
        if (hash2 < 0) hash2 += PrimeBigramLength;
        var index = hash1;
        var i = 1;
        var bigrams = _bigrams;
        while (bigrams[index].Hash != 0 && bigrams[index].Hash != hashId && i < PrimeBigramLength)
        {
            index = (int)((hash1 + (long)i * hash2) % PrimeBigramLength);
            i++;
        }
        return i < PrimeBigramLength && bigrams[index].Hash == hashId ? bigrams[index].Frequency : 0;
    }
}
