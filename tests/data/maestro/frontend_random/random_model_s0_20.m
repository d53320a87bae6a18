// random model file (seed 0, #20), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_20 {
	Layer L0 {
		Type: NGCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 1, G: 2, K: 8, C: 8, R: 5, S: 5, Y: 35, X: 10 }
	}
	Layer L1 {
		Type: TRCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 2, K: 16, C: 16, R: 3, S: 3, Y: 14, X: 29 }
	}
}
