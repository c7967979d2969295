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
    /// The module's output folder, `Ecs` or `EcsServer`.
    var folder: String
    /// The file's own name, `ECSClient.swift`.
    var fileName: String
    /// The top-level types the file declares (extensions not counted). The shared types file
    /// lists none: their names are chosen to differ from every other name (`SharedShapes`).
    var declaredTypes: [String]
    /// The spec element the file comes from: the product for product-level files, else the action.
    var location: SourceLocation
    /// What the file is, for messages: `the client file of product 'Ecs'`, `action 'X'`.
    var owner: String
    /// Whether an action's `swiftName` (or name) chooses the file's name.
    var isActionFile: Bool
}

extension RenderJobs {
    /// The plan of `job` over `products` (the list the job's indices point into).
    static func plan(_ job: Job, in products: [ProductSpec]) -> PlannedFile {
        func productFile(_ index: Int, server: Bool = false, _ baseName: String, _ declared: [String], _ what: String) -> PlannedFile {
            let product = products[index]
            let folder = server ? product.serverFolderName : product.folderName
            return PlannedFile(
                relativePath: folder + "/" + baseName + ".swift", folder: folder,
                fileName: baseName + ".swift", declaredTypes: declared, location: product.location,
                owner: "the \(what) file of product '\(product.name)'", isActionFile: false)
        }
        func actionFile(_ productIndex: Int, _ actionIndex: Int, server: Bool) -> PlannedFile {
            let product = products[productIndex]
            let action = product.generatedActions[actionIndex]
            let base = SwiftNames.actionBase(action) ?? action.name
            let folder = server ? product.serverFolderName : product.folderName
            let fileBase = server ? base + serverSuffix : base
            return PlannedFile(
                relativePath: folder + "/" + fileBase + ".swift", folder: folder,
                fileName: fileBase + ".swift", declaredTypes: server ? [] : ["Request", "Response", "Error"].map { base + $0 },
                location: action.location, owner: server ? "the server file of action '\(action.name)'" : "action '\(action.name)'",
                isActionFile: true)
        }
        switch job {
        case .product(let index):
            let product = products[index]
            return productFile(index, SwiftNames.productType(product), [SwiftNames.productType(product)], "product")
        case .errors(let index):
            return productFile(index, errorsFileName(products[index]), [], "error codes")
        case .shapes(let index):
            return productFile(index, shapesFileName(products[index]), [], "shared types")
        case .client(let index):
            let product = products[index]
            return productFile(index, SwiftNames.clientType(product), [SwiftNames.clientType(product)], "client")
        case .paginators(let index):
            return productFile(index, paginatorsFileName(products[index]), [], "paginators")
        case .waiters(let index):
            return productFile(index, waitersFileName(products[index]), [], "waiters")
        case .action(let productIndex, let actionIndex):
            return actionFile(productIndex, actionIndex, server: false)
        case .service(let index):
            let product = products[index]
            return productFile(
                index, server: true, SwiftNames.serviceType(product),
                [SwiftNames.serviceType(product), SwiftNames.serviceRouterType(product)], "service")
        case .serverShapes(let index):
            return productFile(index, server: true, shapesFileName(products[index]) + serverSuffix, [], "server shared types")
        case .serverAction(let productIndex, let actionIndex):
            return actionFile(productIndex, actionIndex, server: true)
        }
    }

    /// The plan of each job of `all`, in the same order; a shared types file's plan names its
    /// types, which translating the product has found.
    var plans: [PlannedFile] {
        all.map { job in
            var plan = Self.plan(job, in: products)
            if case .shapes(let index) = job { plan.declaredTypes = sharedTypeNames(index) }
            return plan
        }
    }
}
