import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A parsed XML document in a compact form built for decoding: flat arrays, no object per node.
///
/// Built in one pass with libxml2's SAX2 interface (no libxml2 tree is ever built):
/// - ``nodes`` holds one entry per element, in document order (index 0 is the root);
/// - element names are interned: ``names`` maps a name ID to its text, ``nameIDs`` back;
/// - ``text`` holds the character data of every leaf element back to back; an element with
///   child elements keeps no text (whitespace between children, or mixed content, is dropped);
/// - ``children`` lists each element's child elements sorted by name ID and then by document
///   order, so the children sharing a name are one contiguous run, found by binary search,
///   and that run is already the list of that name in order.
///
/// Attributes, comments, processing instructions and namespaces (beyond the local name) are
/// ignored.
final class XMLTree {
    struct Node {
        /// The element's interned local name.
        var name: Int32
        /// The parent element, -1 for the root.
        var parent: Int32
        /// Where the element's text starts in ``XMLTree/text``.
        var textStart: Int32
        /// The text's length in bytes, or -1 if the element has child elements.
        var textCount: Int32
    }

    /// The deepest element nesting accepted; deeper documents are rejected.
    static let maximumDepth = 128

    /// How much of the body is handed to libxml2 at a time.
    static let chunkSize = 1 << 16

    let nodes: [Node]
    let names: [String]
    let nameIDs: [String: Int32]
    let text: [UInt8]
    /// Child elements of node `n` are `children[childStart[n] ..< childStart[n + 1]]`.
    let children: [Int32]
    let childStart: [Int32]

    /// `nodes` must not be empty.
    private init(nodes: [Node], names: [String], nameIDs: [String: Int32], text: [UInt8]) {
        self.nodes = nodes
        self.names = names
        self.nameIDs = nameIDs
        self.text = text
        (children, childStart) = Self.indexChildren(nodes: nodes, nameCount: names.count)
    }

    /// Why a body could not be turned into a tree.
    struct ParseError: Error {
        var reason: String
    }

    // MARK: Parsing

    private static let libraryInitialized: Void = { xmlInitParser() }()

    /// Parses a whole document.
    ///
    /// Network access is off (`XML_PARSE_NONET`), entities are never substituted and no DTD is
    /// loaded; any document type declaration rejects the document outright, before its internal
    /// subset is read, so neither external entities (XXE) nor entity expansion bombs can act.
    static func parse(_ body: UnsafeRawBufferPointer, chunkSize: Int = chunkSize) throws(ParseError) -> XMLTree {
        _ = libraryInitialized
        guard body.count > 0, let base = body.baseAddress else {
            throw ParseError(reason: "the body is empty")
        }
        guard body.count < Int(Int32.max) else {
            throw ParseError(reason: "the body is too large to parse (\(body.count) bytes)")
        }
        var handler = Builder.saxHandler
        // A push parser fed the whole body in one chunk; it copies the handler. Callbacks get
        // the parser context (its default user data) and find the builder in `_private`.
        guard let context = xmlCreatePushParserCtxt(&handler, nil, nil, 0, nil) else {
            throw ParseError(reason: "libxml2 could not create a parser")
        }
        let builder = Builder()
        builder.context = context
        // Sized up front from a quick scan, so the arrays never grow by copying: growth would
        // leave the old buffers in malloc's free lists and add half again to the peak memory.
        let estimate = Self.estimateSizes(body)
        builder.nodes.reserveCapacity(estimate.elements)
        builder.text.reserveCapacity(estimate.textBytes)
        let options = Int32(bitPattern: XML_PARSE_NONET.rawValue)
        _ = xmlCtxtUseOptions(context, options)
        withExtendedLifetime(builder) {
            context.pointee._private = Unmanaged.passUnretained(builder).toOpaque()
            // Fed in chunks: the parser drops what it has read as it goes, and keeps under its
            // 10 MB look-up limit (without XML_PARSE_HUGE) whatever the size of the body.
            let bytes = base.assumingMemoryBound(to: CChar.self)
            var offset = 0
            repeat {
                let size = min(max(chunkSize, 1), body.count - offset)
                let last = offset + size == body.count
                // The status is the last error code, warnings included: not a reason to stop.
                _ = xmlParseChunk(context, bytes + offset, Int32(size), last ? 1 : 0)
                offset += size
                // Stopped (by a fatal error or by the builder): the rest cannot matter.
                if context.pointee.disableSAX != 0 { break }
            } while offset < body.count
            context.pointee._private = nil
        }
        let wellFormed = context.pointee.wellFormed != 0
        xmlFreeParserCtxt(context)
        builder.context = nil

        if let rejection = builder.rejection {
            throw ParseError(reason: rejection)
        }
        guard wellFormed, builder.openElement == -1, !builder.nodes.isEmpty else {
            if builder.openElement >= 0, builder.firstErrorCode == Int32(XML_ERR_DOCUMENT_END.rawValue) {
                // libxml2's push parser words a truncated body as "Extra content at the end".
                let name = builder.names[Int(builder.nodes[Int(builder.openElement)].name)]
                throw ParseError(reason: "the body is not well-formed XML: it ends before element \(name) is closed")
            }
            throw ParseError(reason: "the body is not well-formed XML: " + (builder.firstError ?? "parse failed"))
        }
        return XMLTree(nodes: builder.nodes, names: builder.names, nameIDs: builder.nameIDs, text: builder.text)
    }

    /// Upper bounds of the element count (start tags) and of the character data (bytes outside
    /// markup), found by jumping from `<` to `>` with `memchr`. Only capacity hints: comments,
    /// CDATA sections or a `>` inside an attribute value make them inexact, never wrong.
    static func estimateSizes(_ body: UnsafeRawBufferPointer) -> (elements: Int, textBytes: Int) {
        guard let base = body.baseAddress else { return (0, 0) }
        let end = base + body.count
        var position = base
        var elements = 0
        var textBytes = 0
        while position < end {
            guard let open = memchr(position, 0x3C, end - position) else {
                textBytes += end - position
                break
            }
            let tag = UnsafeRawPointer(open)
            textBytes += tag - position
            if tag + 1 < end {
                let next = tag.load(fromByteOffset: 1, as: UInt8.self)
                if next != UInt8(ascii: "/"), next != UInt8(ascii: "?"), next != UInt8(ascii: "!") { elements += 1 }
            }
            guard let close = memchr(tag, 0x3E, end - tag) else { break }
            position = UnsafeRawPointer(close) + 1
        }
        return (elements, textBytes)
    }

    /// The ``children`` and ``childStart`` of `nodes`: two stable counting sorts, by name, then
    /// by parent.
    private static func indexChildren(nodes: [Node], nameCount: Int) -> (children: [Int32], childStart: [Int32]) {
        let count = nodes.count
        // Sort all non-root nodes by name, keeping document order within a name.
        var nameStart = [Int32](repeating: 0, count: nameCount + 1)
        for index in 1..<count { nameStart[Int(nodes[index].name) + 1] += 1 }
        for name in 0..<nameCount { nameStart[name + 1] += nameStart[name] }
        var byName = [Int32](repeating: 0, count: max(count - 1, 0))
        for index in 1..<count {
            let name = Int(nodes[index].name)
            byName[Int(nameStart[name])] = Int32(index)
            nameStart[name] += 1
        }
        // Then stably by parent: each parent's children end up sorted by name, then order.
        // `start` serves as the fill cursor (no copy of it): filling moves each parent's start
        // to the next parent's, and shifting it back by one slot restores it.
        var start = [Int32](repeating: 0, count: count + 1)
        for index in 1..<count { start[Int(nodes[index].parent) + 1] += 1 }
        for index in 0..<count { start[index + 1] += start[index] }
        var sorted = [Int32](repeating: 0, count: max(count - 1, 0))
        for node in byName {
            let parent = Int(nodes[Int(node)].parent)
            sorted[Int(start[parent])] = node
            start[parent] += 1
        }
        for index in stride(from: count, to: 0, by: -1) { start[index] = start[index - 1] }
        start[0] = 0
        return (sorted, start)
    }

    // MARK: Queries

    /// The positions in ``children`` of `element`'s children named `name`, in document order.
    func childRange(of element: Int32, named name: Int32) -> Range<Int> {
        var low = Int(childStart[Int(element)])
        var high = Int(childStart[Int(element) + 1])
        // Lower bound of `name`.
        var upper = high
        while low < high {
            let middle = (low + high) >> 1
            let found = nodes[Int(children[middle])].name
            if found < name {
                low = middle + 1
            } else {
                if found > name { upper = middle }
                high = middle
            }
        }
        let first = low
        high = upper
        // Upper bound of `name`, in [first, upper).
        while low < high {
            let middle = (low + high) >> 1
            if nodes[Int(children[middle])].name <= name {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return first..<low
    }

    /// The positions in ``children`` of `element`'s children named `name`, if the document has
    /// that name at all.
    func childRange(of element: Int32, named name: String) -> Range<Int> {
        guard let id = nameIDs[name] else { return 0..<0 }
        return childRange(of: element, named: id)
    }

    /// All child elements of `element`, in document order.
    func allChildren(of element: Int32) -> [Int32] {
        let range = Int(childStart[Int(element)])..<Int(childStart[Int(element) + 1])
        return children[range].sorted()
    }

    /// The distinct names of `element`'s children.
    func childNames(of element: Int32) -> [String] {
        var result: [String] = []
        var last: Int32 = -1
        for position in Int(childStart[Int(element)])..<Int(childStart[Int(element) + 1]) {
            let name = nodes[Int(children[position])].name
            if name != last {
                result.append(names[Int(name)])
                last = name
            }
        }
        return result
    }

    func hasChildElements(_ element: Int32) -> Bool {
        nodes[Int(element)].textCount < 0
    }

    /// The element's text bytes (empty for an element with child elements).
    func textBytes(of element: Int32) -> ArraySlice<UInt8> {
        let node = nodes[Int(element)]
        guard node.textCount > 0 else { return [] }
        let start = Int(node.textStart)
        return text[start..<(start + Int(node.textCount))]
    }

    func name(of element: Int32) -> String {
        names[Int(nodes[Int(element)].name)]
    }

    // MARK: - Builder

    /// Receives libxml2's SAX2 events and fills a tree.
    private final class Builder {
        // The tree's parts, filled as events come. Only libxml2's callbacks touch the builder,
        // one at a time on the parsing thread and never re-entrantly, so accesses cannot overlap:
        // the dynamic exclusivity checks (about a third of the parse time) are turned off.
        @exclusivity(unchecked) var nodes: [Node] = []
        @exclusivity(unchecked) var names: [String] = []
        @exclusivity(unchecked) var nameIDs: [String: Int32] = [:]
        @exclusivity(unchecked) var text: [UInt8] = []
        var context: xmlParserCtxtPtr?
        /// The element whose content is being read, -1 outside the root.
        @exclusivity(unchecked) var openElement: Int32 = -1
        @exclusivity(unchecked) var depth = 0
        /// Interned names by the address of libxml2's dictionary copy of the name.
        @exclusivity(unchecked) var nameIDsByAddress: [UnsafeRawPointer: Int32] = [:]
        /// Set when the document is refused on purpose (DOCTYPE, depth).
        var rejection: String?
        /// The first error libxml2 reported, and its code.
        var firstError: String?
        var firstErrorCode: Int32 = 0

        func reject(_ reason: String) {
            if rejection == nil { rejection = reason }
            if let context { xmlStopParser(context) }
        }

        func internName(_ localName: UnsafePointer<xmlChar>) -> Int32 {
            let address = UnsafeRawPointer(localName)
            if let id = nameIDsByAddress[address] { return id }
            let name = String(cString: localName)
            let id: Int32
            if let existing = nameIDs[name] {
                id = existing
            } else {
                id = Int32(names.count)
                names.append(name)
                nameIDs[name] = id
            }
            // Names from the parser's dictionary live as long as the parser: their address is a
            // safe key. Anything else could be freed and its address reused, so is not cached.
            if let context, xmlDictOwns(context.pointee.dict, localName) == 1 {
                nameIDsByAddress[address] = id
            }
            return id
        }

        func startElement(_ localName: UnsafePointer<xmlChar>) {
            depth += 1
            if depth > XMLTree.maximumDepth {
                reject("elements are nested more than \(XMLTree.maximumDepth) deep")
                return
            }
            let parent = openElement
            if parent >= 0, nodes[Int(parent)].textCount >= 0 {
                // The parent has child elements: whatever text it had so far is not a value.
                text.removeSubrange(Int(nodes[Int(parent)].textStart)...)
                nodes[Int(parent)].textCount = -1
            }
            let index = Int32(nodes.count)
            nodes.append(Node(
                name: internName(localName), parent: parent,
                textStart: Int32(truncatingIfNeeded: text.count), textCount: 0))
            openElement = index
        }

        func endElement() {
            depth -= 1
            let index = openElement
            guard index >= 0 else { return }
            if nodes[Int(index)].textCount >= 0 {
                nodes[Int(index)].textCount =
                    Int32(truncatingIfNeeded: text.count) - nodes[Int(index)].textStart
            }
            openElement = nodes[Int(index)].parent
        }

        func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int32) {
            let index = openElement
            guard index >= 0, count > 0, nodes[Int(index)].textCount >= 0 else { return }
            text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: Int(count)))
        }

        func error(_ error: UnsafeMutablePointer<xmlError>) {
            guard firstError == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            var message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
            while message.last?.isWhitespace == true { message.removeLast() }
            firstError = "\(message) (line \(error.pointee.line), column \(error.pointee.int2))"
            firstErrorCode = error.pointee.code
        }

        /// The builder of the parser context `pointer` points to.
        static func from(_ pointer: UnsafeMutableRawPointer?) -> Builder? {
            guard let builder = pointer?.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else {
                return nil
            }
            return Unmanaged<Builder>.fromOpaque(builder).takeUnretainedValue()
        }

        /// Only the events the tree needs; everything that could load or expand anything
        /// (entity declarations and lookups, external subsets, entity resolution) is left out.
        nonisolated(unsafe) static let saxHandler: xmlSAXHandler = {
            var handler = xmlSAXHandler()
            handler.initialized = UInt32(XML_SAX2_MAGIC)
            handler.internalSubset = { context, _, _, _ in
                Builder.from(context)?.reject(
                    "the body has a document type declaration (DOCTYPE), which is not allowed")
            }
            handler.startElementNs = { context, localName, _, _, _, _, _, _, _ in
                guard let builder = Builder.from(context) else { return }
                guard let localName else {
                    builder.reject("an element without a name")
                    return
                }
                builder.startElement(localName)
            }
            handler.endElementNs = { context, _, _, _ in
                Builder.from(context)?.endElement()
            }
            let characters: charactersSAXFunc = { context, bytes, count in
                guard let bytes else { return }
                Builder.from(context)?.characters(bytes, count)
            }
            handler.characters = characters
            handler.ignorableWhitespace = characters
            handler.cdataBlock = { context, bytes, count in
                guard let bytes else { return }
                Builder.from(context)?.characters(bytes, count)
            }
            handler.reference = { context, _ in
                Builder.from(context)?.reject("the body references an entity, which is not allowed")
            }
            handler.serror = { context, error in
                guard let error else { return }
                Builder.from(context)?.error(error)
            }
            return handler
        }()
    }
}
