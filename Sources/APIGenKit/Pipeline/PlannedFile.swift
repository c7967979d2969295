/// What a render job will write, known before anything is translated or rendered: the file's
/// path and the top-level types it declares, and the spec element they come from.
///
/// The validator checks every file and type name from these (`OutputNameValidator`,
/// `SemanticValidator`), so a name that cannot be written, or two jobs that would write one
/// file or declare one type, are `file:line` errors before anything is written. The pipeline
/// checks that each rendered file goes exactly where its plan said, so a job added without its
/// plan cannot slip past those checks.
struct PlannedFile: Sendable, Hashable {
    /// Relative to the output folder: `Ecs/ECSClient.swift`.
    var relativePath: String
    /// The product's output folder, `Ecs`.
    var folder: String
    /// The file's own name, `ECSClient.swift`.
    var fileName: String
    /// The top-level types the file declares (extensions not counted).
    var declaredTypes: [String]
    /// The spec element the file comes from: the product for product-level files, else the action.
    var location: SourceLocation
    /// What the file is, for messages: `the product's client file`, `action 'X'`.
    var owner: String
    /// Whether an action's `swiftName` (or name) chooses the file's name.
    var isActionFile: Bool
}

extension RenderJobs {
    /// The plan of `job` over `products` (the list the job's indices point into).
    static func plan(_ job: Job, in products: [ProductSpec]) -> PlannedFile {
        func productFile(_ index: Int, _ typeName: String, _ declared: [String], _ what: String) -> PlannedFile {
            let product = products[index]
            return PlannedFile(
                relativePath: product.folderName + "/" + typeName + ".swift", folder: product.folderName,
                fileName: typeName + ".swift", declaredTypes: declared, location: product.location,
                owner: "the \(what) file of product '\(product.name)'", isActionFile: false)
        }
        switch job {
        case .product(let index):
            let product = products[index]
            return productFile(index, SwiftNames.productType(product), [SwiftNames.productType(product), SwiftNames.commonErrorType(product)], "product")
        case .client(let index):
            let product = products[index]
            return productFile(index, SwiftNames.clientType(product), [SwiftNames.clientType(product)], "client")
        case .service(let index):
            let product = products[index]
            return productFile(index, SwiftNames.serviceType(product), [SwiftNames.serviceType(product), SwiftNames.serviceRouterType(product)], "service")
        case .action(let productIndex, let actionIndex):
            let product = products[productIndex]
            let action = product.actions[actionIndex]
            let base = SwiftNames.actionBase(action) ?? action.name
            return PlannedFile(
                relativePath: product.folderName + "/" + base + ".swift", folder: product.folderName,
                fileName: base + ".swift", declaredTypes: ["Request", "Response", "Error"].map { base + $0 },
                location: action.location, owner: "action '\(action.name)'", isActionFile: true)
        }
    }

    /// The plan of each job of `all`, in the same order.
    var plans: [PlannedFile] { all.map { Self.plan($0, in: products) } }
}
